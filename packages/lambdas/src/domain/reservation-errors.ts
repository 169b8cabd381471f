import { ERROR_NAMES } from '@orders/shared-types';
/** The error names reserve-stock throws besides those in ERROR_NAMES (the workflow treats them as failures). */
export const RESERVATION_ERROR_NAMES = {
  ReservationReleased: ERROR_NAMES.ReservationReleased,
  OrderNotClaimed: ERROR_NAMES.OrderNotClaimed,
} as const;

/** release-stock got there first (the order was given up): a late reservation must not take stock. */
export class ReservationReleasedError extends Error {
  override readonly name = RESERVATION_ERROR_NAMES.ReservationReleased;
  readonly orderId: string;

  constructor(orderId: string, releasedAt: string, options?: ErrorOptions) {
    super(`the stock of order ${orderId} was already released at ${releasedAt}: nothing reserved`, options);
    this.orderId = orderId;
  }
}

/** The Orders table has no row for the order, so there is nothing to record a reservation on. */
export class OrderNotClaimedError extends Error {
  override readonly name = RESERVATION_ERROR_NAMES.OrderNotClaimed;
  readonly orderId: string;

  constructor(orderId: string, options?: ErrorOptions) {
    super(`order ${orderId} has no order record (not claimed): nothing reserved`, options);
    this.orderId = orderId;
  }
}
