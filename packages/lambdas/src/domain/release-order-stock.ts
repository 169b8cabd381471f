import { ORDER_STATES, type ReleaseStockResult } from '@orders/shared-types';
import { InventoryUnavailableError } from './inventory-unavailable-error.js';
import type { ReleaseStore } from './reservation-store.js';
import { type RetryPolicy, retryWhileBusy } from './retry-policy.js';

/** Why release-stock gave back what it did (logged, not returned). */
export type ReleaseOutcome =
  /** This call gave the reservation back. */
  | 'released'
  /** An earlier call (or a tombstone) had released it. */
  | 'already-released'
  /** Nothing was reserved: the order is marked released so a late reservation is refused. */
  | 'nothing-reserved'
  /** There is no order row: nothing to give back. */
  | 'no-order'
  /** The order was charged (PAYMENT_PROCESSED): its stock is sold and never given back. */
  | 'sold';

/**
 * Every change release-stock waits out moves the row one way (reserved, then released or sold), so a few
 * rounds always reach an answer; more means something else is rewriting the row.
 */
const MAX_ROUNDS = 4;

/**
 * Give back, exactly once, whatever the order row says is reserved. The row's ReleasedAt, set in the same
 * transaction as the stock increments (or alone as a tombstone when nothing was reserved), is what makes
 * it once: every write is conditioned on its absence, and a refused write re-reads the row.
 */
export async function releaseOrderStock(
  store: ReleaseStore,
  request: { readonly orderId: string; readonly nowMs: number },
  retry: RetryPolicy,
): Promise<ReleaseStockResult & { readonly outcome: ReleaseOutcome }> {
  const { orderId } = request;
  const releasedAt = new Date(request.nowMs).toISOString();
  const operation = `release stock for order ${orderId}`;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const order = await store.readOrder(orderId);
    if (order === undefined)
      return { releasedItems: [], releasedAt, alreadyReleased: false, outcome: 'no-order' };
    if (order.releasedAt !== undefined) {
      return {
        releasedItems: [],
        releasedAt: order.releasedAt,
        alreadyReleased: true,
        outcome: 'already-released',
      };
    }
    if (order.state === ORDER_STATES.PAYMENT_PROCESSED) {
      return { releasedItems: [], releasedAt, alreadyReleased: false, outcome: 'sold' };
    }
    if (order.reservedAt === undefined) {
      const marked = await retryWhileBusy(operation, retry, () => store.markReleased(orderId, releasedAt));
      if (marked.status === 'done') {
        return { releasedItems: [], releasedAt, alreadyReleased: false, outcome: 'nothing-reserved' };
      }
      continue; // a reservation won the race: release it next round
    }
    const lines = order.reservedItems;
    // A reservation that won the race against this call landed after `nowMs`: never stamp a release
    // earlier than the reservation it gives back.
    const at = new Date(Math.max(Date.parse(order.reservedAt), request.nowMs)).toISOString();
    const released = await retryWhileBusy(operation, retry, () =>
      store.release({ orderId, lines, releasedAt: at }),
    );
    if (released.status === 'done') {
      return { releasedItems: [...lines], releasedAt: at, alreadyReleased: false, outcome: 'released' };
    }
    // Refused on the order row: released by another call or sold meanwhile; the next read says which.
  }
  throw new InventoryUnavailableError(operation, MAX_ROUNDS, 'the order row kept changing');
}
