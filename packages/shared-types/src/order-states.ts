/** Every state an order record can be in (the `State` attribute of the orders table). */
export const ORDER_STATES = {
  /** Claimed by the first step (the idempotency step): the workflow owns the order id; nothing charged yet. */
  RECEIVED: 'RECEIVED',
  /** Charged successfully. */
  PAYMENT_PROCESSED: 'PAYMENT_PROCESSED',
  /** The charge was declined (PaymentError). */
  PAYMENT_FAILED: 'PAYMENT_FAILED',
  /** Rejected before charging: the payment details did not verify. */
  PAYMENT_DETAILS_REJECTED: 'PAYMENT_DETAILS_REJECTED',
  /** Rejected before charging: an item is out of stock. */
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  /** Rejected before charging: the order did not match the schema. */
  INVALID_ORDER: 'INVALID_ORDER',
  /** Not processed: an error the workflow does not route on (retries exhausted); stock released, not charged. */
  FAILED: 'FAILED',
} as const;

/** One of the states in {@link ORDER_STATES}. */
export type OrderState = (typeof ORDER_STATES)[keyof typeof ORDER_STATES];
