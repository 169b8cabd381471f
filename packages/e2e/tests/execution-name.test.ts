import { describe, expect, it } from 'vitest';
import { executionName, MAX_EXECUTION_NAME_LENGTH, sortableIds } from '../src/index.js';

describe('sortableIds', () => {
  it('sorts ids by creation, within one millisecond too', () => {
    let now = 1_700_000_000_000;
    const ids = sortableIds(
      () => now,
      () => 0.999,
    );
    const first = ids.next();
    const second = ids.next();
    now += 1;
    const third = ids.next();
    expect(first).toHaveLength(18);
    expect([third, second, first].sort()).toEqual([first, second, third]);
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('does not go backwards when the clock does', () => {
    let now = 2_000;
    const ids = sortableIds(
      () => now,
      () => 0,
    );
    const first = ids.next();
    now = 1_000;
    expect(ids.next() > first).toBe(true);
  });
});

describe('executionName', () => {
  it('joins prefix, id and a cleaned label', () => {
    expect(executionName('e2e-RUN', '0123', 'valid order!')).toBe('e2e-RUN-0123-valid-order-');
  });

  it('stays within the Step Functions limit', () => {
    const name = executionName('e2e-RUN', '0123', 'x'.repeat(200));
    expect(name).toHaveLength(MAX_EXECUTION_NAME_LENGTH);
    expect(name.startsWith('e2e-RUN-0123-x')).toBe(true);
  });
});
