import { ERROR_NAMES } from '@orders/shared-types';

/** One item the stock does not cover: everything ordered of it (all lines added up) and what was there. */
export interface Shortage {
  readonly itemId: string;
  readonly ordered: number;
  readonly available: number;
}

/**
 * At least one item has less stock than ordered; nothing was reserved. `name` is `OutOfStock`, the message
 * names every short item, e.g. `Out of stock: item-p4c97: 2 ordered, 0 available; item-x: 5 ordered, 3 available`.
 */
export class OutOfStockError extends Error {
  override readonly name = ERROR_NAMES.OutOfStock;
  readonly shortages: readonly Shortage[];

  constructor(shortages: readonly Shortage[], options?: ErrorOptions) {
    super(
      `Out of stock: ${shortages.map((s) => `${s.itemId}: ${s.ordered} ordered, ${s.available} available`).join('; ')}`,
      options,
    );
    this.shortages = shortages;
  }
}
