import { ERROR_NAMES } from '@orders/shared-types';

/** The idempotency key (order id) was already used for a charge with different details. */
export class DuplicateOrderError extends Error {
  override readonly name = ERROR_NAMES.DuplicateOrder;
  readonly orderId: string;

  constructor(orderId: string, options?: ErrorOptions) {
    super(`order ${orderId} was already charged with a different amount or card`, options);
    this.orderId = orderId;
  }
}
