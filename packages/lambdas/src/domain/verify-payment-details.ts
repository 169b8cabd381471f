import { type CardType, cardLast4, normalizeCardNumber, type PaymentDetails } from '@orders/shared-types';
import { detectCardBrand } from './card-brand.js';
import { isCardExpired } from './card-expiry.js';
import { passesLuhn } from './luhn.js';

/** The verdict on a card: verified, or not with every failed rule in `reason` (never card digits). */
export type PaymentDetailsVerdict = {
  readonly cardType: CardType;
  readonly cardLast4: string;
} & ({ readonly paymentVerified: true } | { readonly paymentVerified: false; readonly reason: string });

/**
 * Decide whether the payment details can be charged: holder name present, Luhn check, brand from the
 * number matches `cardType`, not expired at `nowMs`. Every failed rule is named in `reason`; no reason
 * contains card digits or the expiry date.
 */
export function verifyPaymentDetails(details: PaymentDetails, nowMs: number): PaymentDetailsVerdict {
  const digits = normalizeCardNumber(details.cardNumber);
  const reasons: string[] = [];
  if (!/\p{L}/u.test(details.name)) reasons.push('card holder name is missing');
  if (!passesLuhn(digits)) reasons.push('card number fails the Luhn check');
  const brand = detectCardBrand(digits);
  if (brand === undefined) reasons.push(`card number matches no known brand, expected ${details.cardType}`);
  else if (brand !== details.cardType)
    reasons.push(`card number is a ${brand} number, not ${details.cardType}`);
  if (isCardExpired(details.expiration, nowMs)) reasons.push('card has expired');

  const base = { cardType: details.cardType, cardLast4: cardLast4(digits) };
  return reasons.length === 0
    ? { paymentVerified: true, ...base }
    : { paymentVerified: false, reason: reasons.join('; '), ...base };
}
