import type { CardType } from '@orders/shared-types';

interface BrandRule {
  readonly brand: CardType;
  readonly lengths: readonly number[];
  /** Inclusive prefix ranges, compared on the first `digits` digits of the number. */
  readonly ranges: ReadonlyArray<readonly [from: number, to: number, digits: number]>;
}

// Issuer identification ranges (IIN) per brand, as published by the networks.
const RULES: readonly BrandRule[] = [
  {
    brand: 'AMEX',
    lengths: [15],
    ranges: [
      [34, 34, 2],
      [37, 37, 2],
    ],
  },
  { brand: 'VISA', lengths: [13, 16, 19], ranges: [[4, 4, 1]] },
  {
    brand: 'MASTERCARD',
    lengths: [16],
    ranges: [
      [51, 55, 2],
      [2221, 2720, 4],
    ],
  },
  {
    brand: 'DISCOVER',
    lengths: [16, 17, 18, 19],
    ranges: [
      [6011, 6011, 4],
      [644, 649, 3],
      [65, 65, 2],
      [622126, 622925, 6],
    ],
  },
];

/** The brand a card number (digits only) belongs to by its prefix and length, or undefined. */
export function detectCardBrand(digits: string): CardType | undefined {
  for (const rule of RULES) {
    if (!rule.lengths.includes(digits.length)) continue;
    const prefixMatches = rule.ranges.some(([from, to, n]) => {
      const prefix = Number(digits.slice(0, n));
      return prefix >= from && prefix <= to;
    });
    if (prefixMatches) return rule.brand;
  }
  return undefined;
}
