/**
 * The error names Step Functions routes on (`Catch.ErrorEquals`, `Fail.Error`). A Lambda error class sets
 * `name` to one of these, and the workflow refers to the same constant, so the two cannot drift apart.
 */
export const ERROR_NAMES = {
  /** The payment provider declined the charge (caught by the workflow, order recorded as PAYMENT_FAILED). */
  PaymentError: 'PaymentError',
  /** The payment details failed verification (Luhn, brand, expiry, holder name). */
  PaymentDetailsRejected: 'PaymentDetailsRejected',
  /** At least one item has less stock than the quantity ordered. */
  OutOfStock: 'OutOfStock',
  /** The order (or a Lambda event) does not match the shared schema. */
  InvalidOrder: 'InvalidOrder',
  /** An order with the same idempotency key (orderId) was already recorded. */
  DuplicateOrder: 'DuplicateOrder',
  /** The Inventory table kept refusing (throttling, transaction conflicts) after every retry: worth a workflow Retry. */
  InventoryUnavailable: 'InventoryUnavailable',
  /** reserve-stock found the order's stock already released (the order was rejected): nothing is reserved. */
  ReservationReleased: 'ReservationReleased',
  /** reserve-stock found no order row: the workflow claims the order before it reserves. */
  OrderNotClaimed: 'OrderNotClaimed',
  /** The order was charged but recording it failed after every retry: the Cause keeps the charge id (alarmed). */
  ChargeNotRecorded: 'ChargeNotRecorded',
  /**
   * SNS refused the notification and the order row's outbox refused to keep it, each after every retry: the
   * Cause carries the notification (the execution history is its last keeper; ExecutionsFailed alarms).
   */
  NotificationNotKept: 'NotificationNotKept',
} as const;

/** One of the error names in {@link ERROR_NAMES}. */
export type ErrorName = (typeof ERROR_NAMES)[keyof typeof ERROR_NAMES];
