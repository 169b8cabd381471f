import { InvalidOrderError, type ReservedItem } from '@orders/shared-types';

/** One DynamoDB transaction holds at most 100 actions: the order row and up to 99 items. */
export const MAX_RESERVATION_ITEMS = 99;

/**
 * The quantities to reserve: every line of an item id added up, sorted by item id. More than
 * {@link MAX_RESERVATION_ITEMS} distinct items cannot be reserved atomically: InvalidOrderError.
 */
export function reservationLines(
  items: ReadonlyArray<{ readonly itemId: string; readonly quantity: number }>,
): ReservedItem[] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.itemId, (totals.get(item.itemId) ?? 0) + item.quantity);
  if (totals.size > MAX_RESERVATION_ITEMS) {
    throw new InvalidOrderError([
      {
        path: 'event.items',
        message:
          `expected at most ${MAX_RESERVATION_ITEMS} distinct item ids, got ${totals.size} ` +
          `(one DynamoDB transaction reserves at most ${MAX_RESERVATION_ITEMS} items plus the order)`,
      },
    ]);
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([itemId, quantity]) => ({ itemId, quantity }));
}
