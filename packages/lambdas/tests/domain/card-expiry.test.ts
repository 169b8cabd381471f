import { describe, expect, it } from 'vitest';
import { isCardExpired } from '../../src/domain/card-expiry.js';

const at = (iso: string) => Date.parse(iso);

describe('isCardExpired', () => {
  it('keeps a card valid through the last millisecond of its expiry month (UTC)', () => {
    expect(isCardExpired('08/26', at('2026-08-01T00:00:00.000Z'))).toBe(false);
    expect(isCardExpired('08/26', at('2026-08-31T23:59:59.999Z'))).toBe(false);
    expect(isCardExpired('08/26', at('2026-09-01T00:00:00.000Z'))).toBe(true);
  });

  it('rolls December over into January of the next year', () => {
    expect(isCardExpired('12/26', at('2026-12-31T23:59:59.999Z'))).toBe(false);
    expect(isCardExpired('12/26', at('2027-01-01T00:00:00.000Z'))).toBe(true);
  });

  it('handles February in leap and common years', () => {
    expect(isCardExpired('02/28', at('2028-02-29T12:00:00.000Z'))).toBe(false);
    expect(isCardExpired('02/28', at('2028-03-01T00:00:00.000Z'))).toBe(true);
    expect(isCardExpired('02/27', at('2027-02-28T23:59:59.999Z'))).toBe(false);
    expect(isCardExpired('02/27', at('2027-03-01T00:00:00.000Z'))).toBe(true);
  });

  it('treats future months as valid and past years as expired', () => {
    expect(isCardExpired('01/27', at('2026-11-29T13:00:00.000Z'))).toBe(false);
    expect(isCardExpired('11/25', at('2026-11-29T13:00:00.000Z'))).toBe(true);
  });

  it('treats a malformed expiry as expired', () => {
    expect(isCardExpired('13/26', at('2020-01-01T00:00:00.000Z'))).toBe(true);
    expect(isCardExpired('8/26', at('2020-01-01T00:00:00.000Z'))).toBe(true);
  });
});
