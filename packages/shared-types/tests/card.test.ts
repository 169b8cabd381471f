import { describe, expect, it } from 'vitest';
import { cardLast4, maskCardNumber, normalizeCardNumber, redactCardNumbers } from '../src/card.js';

describe('card helpers', () => {
  it('normalizes spaces and dashes', () => {
    expect(normalizeCardNumber('4111 1111-1111 1111')).toBe('4111111111111111');
  });

  it('masks to the last four digits', () => {
    expect(maskCardNumber('5192 7402 9672 1055')).toBe('**** 1055');
    expect(maskCardNumber('3782-822463-10005')).toBe('**** 0005');
    expect(maskCardNumber('12')).toBe('****');
    expect(cardLast4('4111 1111 1111 1111')).toBe('1111');
  });

  it('redacts anything that looks like a card number inside text', () => {
    const text =
      'card 4111 1111 1111 1111 and 4111-1111-1111-1111 and 378282246310005, total 2250, id c-id-56392';
    const redacted = redactCardNumbers(text);
    expect(redacted).toBe('card **** 1111 and **** 1111 and **** 0005, total 2250, id c-id-56392');
  });

  it('masks card numbers in JSON, glued to words and behind escape sequences', () => {
    expect(redactCardNumbers('{"cardNumber":"5192740296721055"}')).toBe('{"cardNumber":"**** 1055"}');
    expect(redactCardNumbers('pan4111111111111111')).toBe('pan**** 1111');
    expect(redactCardNumbers(JSON.stringify('note\n4242424242424242'))).toBe('"note\\n**** 4242"');
  });
});
