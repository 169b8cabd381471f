/**
 * Where charge-payment notes, on the order's own record, that it is about to charge: no card is charged
 * unless the order row says so first, so an order whose workflow stopped after the charge (ChargeNotRecorded)
 * is never mistaken for one that was not charged (the sweeper leaves it to a person).
 */
export interface ChargeLedger {
  /** Mark the order (RECEIVED) as being charged; throws OrderNotChargeableError when it is not RECEIVED. */
  markRequested(orderId: string, at: string): Promise<void>;
  /**
   * Note that the provider declined the charge: the order was not charged, so a reservation it still holds
   * may be given back by the sweeper like any other.
   */
  markDeclined(orderId: string, at: string): Promise<void>;
}

/** The order row is missing or has moved on from RECEIVED: nothing is charged. */
export class OrderNotChargeableError extends Error {
  override readonly name = 'OrderNotChargeable';
  constructor(readonly orderId: string) {
    super(`order ${orderId} is not waiting to be charged (no RECEIVED record): nothing was charged`);
  }
}
