import { ERROR_NAMES } from '@orders/shared-types';

/**
 * The payment provider declined the charge. `name` is `PaymentError`, the error Step Functions catches
 * to record the order as PAYMENT_FAILED. The message shows the card masked to its last four digits.
 */
export class PaymentError extends Error {
  override readonly name = ERROR_NAMES.PaymentError;
  /** The provider's decline code, e.g. `card_declined`. */
  readonly declineCode: string;

  constructor(declineCode: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.declineCode = declineCode;
  }
}
