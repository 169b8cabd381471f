import { ERROR_NAMES } from '@orders/shared-types';

/** The Inventory table left keys unprocessed after every retry (throttling); the workflow may retry. */
export class InventoryUnavailableError extends Error {
  override readonly name = ERROR_NAMES.InventoryUnavailable;
  readonly unprocessedItemIds: readonly string[];

  constructor(unprocessedItemIds: readonly string[], attempts: number, options?: ErrorOptions) {
    super(
      `inventory read left ${unprocessedItemIds.length} item(s) unprocessed after ${attempts} attempts: ` +
        unprocessedItemIds.slice(0, 10).join(', '),
      options,
    );
    this.unprocessedItemIds = unprocessedItemIds;
  }
}
