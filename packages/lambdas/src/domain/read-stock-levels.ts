import { InventoryUnavailableError } from './inventory-unavailable-error.js';

/** DynamoDB's BatchGetItem limit: at most 100 keys per request. */
export const BATCH_GET_LIMIT = 100;

/** One BatchGetItem round trip: the stock of the keys it found, and the keys it left unprocessed. */
export interface StockPage {
  readonly found: ReadonlyArray<{ readonly itemId: string; readonly quantityInStock: number }>;
  readonly unprocessed: readonly string[];
}

/** Reads at most {@link BATCH_GET_LIMIT} item ids in one request (the I/O port; DynamoDB in production). */
export type BatchGetStock = (itemIds: readonly string[]) => Promise<StockPage>;

export interface ReadStockOptions {
  readonly batchGet: BatchGetStock;
  /** Waits between retries of unprocessed keys (injected so tests do not wait). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). */
  readonly random?: () => number;
  /** Attempts per chunk, the first included. Default 6. */
  readonly maxAttempts?: number;
  /** First backoff in ms, doubled per retry up to `maxDelayMs`. Defaults 50 / 2000. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

async function readChunk(itemIds: readonly string[], options: ReadStockOptions, into: Map<string, number>) {
  const maxAttempts = options.maxAttempts ?? 6;
  const base = options.baseDelayMs ?? 50;
  const cap = options.maxDelayMs ?? 2000;
  const random = options.random ?? Math.random;
  let pending = itemIds;
  for (let attempt = 1; ; attempt++) {
    const page = await options.batchGet(pending);
    for (const { itemId, quantityInStock } of page.found) into.set(itemId, quantityInStock);
    if (page.unprocessed.length === 0) return;
    if (attempt >= maxAttempts) throw new InventoryUnavailableError(page.unprocessed, attempt);
    pending = page.unprocessed;
    // Exponential backoff with full jitter, as AWS recommends for UnprocessedKeys.
    await options.sleep(Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1))));
  }
}

/**
 * Read the stock of every distinct item id, in chunks of 100, retrying unprocessed keys with backoff.
 * An item the table does not know has 0 in stock.
 */
export async function readStockLevels(
  itemIds: readonly string[],
  options: ReadStockOptions,
): Promise<Map<string, number>> {
  // BatchGetItem rejects duplicate keys in one request.
  const distinct = [...new Set(itemIds)];
  const levels = new Map<string, number>();
  await Promise.all(chunk(distinct, BATCH_GET_LIMIT).map((ids) => readChunk(ids, options, levels)));
  for (const id of distinct) if (!levels.has(id)) levels.set(id, 0);
  return levels;
}
