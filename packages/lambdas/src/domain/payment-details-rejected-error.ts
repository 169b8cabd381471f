import { type CardType, ERROR_NAMES } from '@orders/shared-types';

/**
 * The payment details did not verify (Luhn, brand, expiry, holder name) or the simulation rejected them.
 * `name` is `PaymentDetailsRejected`; the message says so and gives the reason, which never holds card digits.
 */
export class PaymentDetailsRejectedError extends Error {
  override readonly name = ERROR_NAMES.PaymentDetailsRejected;
  readonly cardType: CardType;
  /** The only card digits allowed past verify-payment. */
  readonly cardLast4: string;

  constructor(reason: string, card: { cardType: CardType; cardLast4: string }, options?: ErrorOptions) {
    super(`Payment details rejected: ${reason}`, options);
    this.cardType = card.cardType;
    this.cardLast4 = card.cardLast4;
  }
}
