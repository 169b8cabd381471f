/** The card brands the order schema accepts in `paymentDetails.cardType`. */
export const CARD_TYPES = ['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER'] as const;

/** One of {@link CARD_TYPES}. */
export type CardType = (typeof CARD_TYPES)[number];

/** True when `value` is one of {@link CARD_TYPES}. */
export function isCardType(value: unknown): value is CardType {
  return (CARD_TYPES as readonly unknown[]).includes(value);
}

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

// 12 to 19 digits, optionally grouped by single spaces or dashes: anything that could be a PAN, wherever
// it stands (glued to a word or behind an escape sequence such as `\n` alike). Ids that must survive
// masking are made without long digit runs (charge ids are letters only).
const PAN_LIKE = /\d(?:[ -]?\d){11,18}/g;

/**
 * Replace anything in `text` that looks like a card number (12-19 digits, spaces/dashes allowed) by its
 * masked form. A last line of defence for log lines and error messages built from untrusted input.
 */
export function redactCardNumbers(text: string): string {
  return text.replace(PAN_LIKE, (match) => maskCardNumber(match));
}
