import type { ParsedOrderItem, RetrieveStockResult, StockedItem } from '@orders/shared-types';

/**
 * Attach each item's stock level. `inStock` when the stock covers everything ordered of that item id
 * (lines of the same item are added up: two lines of 3 need 6 in stock).
 */
export function stockItems(
  items: readonly ParsedOrderItem[],
  levels: ReadonlyMap<string, number>,
): RetrieveStockResult {
  const ordered = new Map<string, number>();
  for (const item of items) ordered.set(item.itemId, (ordered.get(item.itemId) ?? 0) + item.quantity);
  const stocked: StockedItem[] = items.map((item) => {
    const quantityInStock = levels.get(item.itemId) ?? 0;
    const quantityOrdered = ordered.get(item.itemId) ?? item.quantity;
    return { ...item, quantityOrdered, quantityInStock, inStock: quantityInStock >= quantityOrdered };
  });
  return { items: stocked, allInStock: stocked.every((i) => i.inStock) };
}
