import type { ParsedOrderItem, RetrieveStockResult, StockedItem } from '@orders/shared-types';

/** Attach each item's stock level; `inStock` when the stock covers the quantity ordered. */
export function stockItems(
  items: readonly ParsedOrderItem[],
  levels: ReadonlyMap<string, number>,
): RetrieveStockResult {
  const stocked: StockedItem[] = items.map((item) => {
    const quantityInStock = levels.get(item.itemId) ?? 0;
    return { ...item, quantityInStock, inStock: quantityInStock >= item.quantity };
  });
  return { items: stocked, allInStock: stocked.every((i) => i.inStock) };
}
