import { TEST_CARDS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { passesLuhn } from '../../src/domain/luhn.js';

describe('passesLuhn', () => {
  it('accepts every test card', () => {
    for (const card of TEST_CARDS)
      expect(passesLuhn(card.cardNumber.replace(/\D/g, '')), card.cardNumber).toBe(true);
  });

  it('rejects the original input.json card and single-digit typos', () => {
    expect(passesLuhn('5192740296721055')).toBe(false);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('4111111111111121')).toBe(false);
  });

  it('rejects anything that is not only digits', () => {
    expect(passesLuhn('')).toBe(false);
    expect(passesLuhn('4111 1111 1111 1111')).toBe(false);
    expect(passesLuhn('abc')).toBe(false);
  });

  it('doubles every second digit from the right (79927398713 is the textbook example)', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});
