import type { ReleaseStockResult } from '@orders/shared-types';

/** The Orders table as the sweeper needs it (DynamoDB in production). */
export interface AbandonedOrders {
  /**
   * Ids of orders still RECEIVED whose reservation expired before `nowMs`, never released, and never marked
   * as being charged (ChargeRequestedAt: those may have been charged, a person settles them) unless the
   * charge was declined (ChargeDeclinedAt).
   */
  expired(nowMs: number): AsyncIterable<string>;
  /**
   * Record the order as FAILED with `reason`, its FAILED notification in the row's outbox for the re-sender
   * (`PendingNotification`), if it is still RECEIVED and released; false when it moved on.
   */
  close(orderId: string, reason: string, nowMs: number): Promise<boolean>;
}

export interface SweepResult {
  /** Orders found with an expired reservation. */
  readonly found: number;
  /** Of those, the ones whose stock this sweep gave back. */
  readonly released: number;
  /** Of those, the ones recorded as FAILED. */
  readonly closed: number;
}

/** Why an order swept up is FAILED. */
export const ABANDONED_REASON =
  'the workflow stopped before the order finished (its stock reservation expired); stock released, not charged';

/**
 * Give back the stock of orders whose workflow stopped without finishing (a stopped or timed-out execution,
 * a release that kept failing): their reservation outlived ReservationExpiresAt. Each release is the same
 * idempotent release-stock uses (it never gives back sold stock), then the order is recorded as FAILED.
 */
export async function sweepAbandonedReservations(
  orders: AbandonedOrders,
  release: (orderId: string) => Promise<ReleaseStockResult & { readonly outcome: string }>,
  nowMs: number,
): Promise<SweepResult> {
  let found = 0;
  let released = 0;
  let closed = 0;
  for await (const orderId of orders.expired(nowMs)) {
    found++;
    const result = await release(orderId);
    if (result.outcome === 'released') released++;
    if (result.outcome === 'sold') continue;
    if (await orders.close(orderId, ABANDONED_REASON, nowMs)) closed++;
  }
  return { found, released, closed };
}
