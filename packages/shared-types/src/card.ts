/** The card brands the order schema accepts in `paymentDetails.cardType`. */
export const CARD_TYPES = ['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER'] as const;

/** One of {@link CARD_TYPES}. */
export type CardType = (typeof CARD_TYPES)[number];

/** Strip the spaces and dashes a card number may be written with. */
export function normalizeCardNumber(cardNumber: string): string {
  return cardNumber.replace(/[\s-]/g, '');
}

/** The last four digits of a card number ("" when it has fewer than four digits). */
export function cardLast4(cardNumber: string): string {
  const digits = cardNumber.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : '';
}

/** Mask a card number down to its last four digits, e.g. "5192 7402 9672 1055" -> "**** 1055". */
export function maskCardNumber(cardNumber: string): string {
  const last4 = cardLast4(cardNumber);
  return last4 === '' ? '****' : `**** ${last4}`;
}

// 12 to 19 digits, optionally grouped by single spaces or dashes, standing as a token of their own:
// anything that could be a PAN. Digit runs inside a longer token (hex charge ids, hashes) are not cards.
const PAN_LIKE = /(?<![A-Za-z0-9])\d(?:[ -]?\d){11,18}(?![A-Za-z0-9])/g;

/**
 * Replace anything in `text` that looks like a card number (12-19 digits, spaces/dashes allowed) by its
 * masked form. A last line of defence for log lines and error messages built from untrusted input.
 */
export function redactCardNumbers(text: string): string {
  return text.replace(PAN_LIKE, (match) => maskCardNumber(match));
}
