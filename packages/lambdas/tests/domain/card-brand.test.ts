import { describe, expect, it } from 'vitest';
import { detectCardBrand } from '../../src/domain/card-brand.js';

const pad = (prefix: string, length: number) => prefix + '0'.repeat(length - prefix.length);

describe('detectCardBrand', () => {
  it.each([
    ['4', 13, 'VISA'],
    ['4', 16, 'VISA'],
    ['4', 19, 'VISA'],
    ['51', 16, 'MASTERCARD'],
    ['55', 16, 'MASTERCARD'],
    ['2221', 16, 'MASTERCARD'],
    ['2500', 16, 'MASTERCARD'],
    ['2720', 16, 'MASTERCARD'],
    ['34', 15, 'AMEX'],
    ['37', 15, 'AMEX'],
    ['6011', 16, 'DISCOVER'],
    ['644', 16, 'DISCOVER'],
    ['649', 19, 'DISCOVER'],
    ['65', 16, 'DISCOVER'],
    ['622126', 16, 'DISCOVER'],
    ['622925', 16, 'DISCOVER'],
  ] as const)('%s… with %i digits is %s', (prefix, length, brand) => {
    expect(detectCardBrand(pad(prefix, length))).toBe(brand);
  });

  it.each([
    ['2220', 16, 'just below the Mastercard 2-series'],
    ['2721', 16, 'just above the Mastercard 2-series'],
    ['50', 16, 'not a Mastercard prefix'],
    ['56', 16, 'not a Mastercard prefix'],
    ['34', 16, 'AMEX prefix with 16 digits'],
    ['37', 14, 'AMEX prefix with 14 digits'],
    ['35', 15, 'not an AMEX prefix'],
    ['4', 15, 'VISA prefix with 15 digits'],
    ['51', 15, 'Mastercard prefix with 15 digits'],
    ['6012', 16, 'not a Discover prefix'],
    ['643', 16, 'not a Discover prefix'],
    ['622125', 16, 'below the Discover co-branded range'],
    ['622926', 16, 'above the Discover co-branded range'],
    ['1', 16, 'no brand'],
  ] as const)('%s… with %i digits has no brand (%s)', (prefix, length, _why) => {
    expect(detectCardBrand(pad(prefix, length))).toBeUndefined();
  });
});
