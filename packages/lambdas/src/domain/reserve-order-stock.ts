import type { ReservedItem, ReserveStockResult } from '@orders/shared-types';
import { InventoryUnavailableError } from './inventory-unavailable-error.js';
import { OutOfStockError } from './out-of-stock-error.js';
import { OrderNotClaimedError, ReservationReleasedError } from './reservation-errors.js';
import type { ReserveStore } from './reservation-store.js';
import { type RetryPolicy, retryWhileBusy } from './retry-policy.js';

/** How long a reservation holds before it counts as abandoned (`ReservationExpiresAt`): one hour. */
export const RESERVATION_TTL_SECONDS = 60 * 60;

/** Rounds of "transaction refused on the order row, but the row allows it now" before giving up. */
const MAX_ROUNDS = 3;

/**
 * Reserve `lines` for the order in one transaction: the order row records the reservation (only if it
 * exists and was neither reserved nor released) and every item's stock goes down (only if it covers the
 * quantity). All or nothing. A repeat for an order already reserved returns the recorded reservation
 * (`alreadyReserved`); a released order throws ReservationReleased, a missing one OrderNotClaimed, short
 * stock OutOfStock naming every short item; conflicts are retried, then InventoryUnavailable.
 */
export async function reserveOrderStock(
  store: ReserveStore,
  request: { readonly orderId: string; readonly lines: readonly ReservedItem[]; readonly nowMs: number },
  retry: RetryPolicy,
): Promise<ReserveStockResult> {
  const { orderId, lines, nowMs } = request;
  const reservedAt = new Date(nowMs).toISOString();
  const expiresAt = Math.floor(nowMs / 1000) + RESERVATION_TTL_SECONDS;
  const operation = `reserve stock for order ${orderId}`;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const attempt = await retryWhileBusy(operation, retry, () =>
      store.reserve({ orderId, lines, reservedAt, expiresAt }),
    );
    if (attempt.status === 'reserved')
      return { reservedItems: [...lines], reservedAt, alreadyReserved: false };
    if (attempt.orderRefused) {
      const order = await store.readOrder(orderId);
      if (order === undefined) throw new OrderNotClaimedError(orderId);
      if (order.releasedAt !== undefined) throw new ReservationReleasedError(orderId, order.releasedAt);
      if (order.reservedAt !== undefined) {
        return {
          reservedItems: [...order.reservedItems],
          reservedAt: order.reservedAt,
          alreadyReserved: true,
        };
      }
      // The row exists now with neither mark (it was created after the attempt read it): try again.
      continue;
    }
    const availableById = new Map(attempt.short.map((s) => [s.itemId, s.available]));
    throw new OutOfStockError(
      lines.flatMap((line) => {
        const available = availableById.get(line.itemId);
        return available === undefined ? [] : [{ itemId: line.itemId, ordered: line.quantity, available }];
      }),
    );
  }
  throw new InventoryUnavailableError(operation, MAX_ROUNDS, 'the order row kept changing');
}
