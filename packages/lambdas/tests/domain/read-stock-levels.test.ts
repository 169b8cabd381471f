import { describe, expect, it } from 'vitest';
import { InventoryUnavailableError } from '../../src/domain/inventory-unavailable-error.js';
import { type BatchGetStock, readStockLevels } from '../../src/domain/read-stock-levels.js';

const STOCK = new Map(Array.from({ length: 250 }, (_, i) => [`item-${i}`, i]));

/** A stand-in Inventory table (the port, not an SDK client): records calls, can leave keys unprocessed. */
function fakeTable(
  unprocessedPerCall: (call: number, keys: readonly string[]) => readonly string[] = () => [],
) {
  const calls: string[][] = [];
  const batchGet: BatchGetStock = async (keys) => {
    calls.push([...keys]);
    if (keys.length > 100) throw new Error('Too many items requested for the BatchGetItem call');
    if (new Set(keys).size !== keys.length) throw new Error('Provided list of item keys contains duplicates');
    const left = new Set(unprocessedPerCall(calls.length, keys));
    const found = keys
      .filter((k) => !left.has(k) && STOCK.has(k))
      .map((itemId) => ({ itemId, quantityInStock: STOCK.get(itemId)! }));
    return { found, unprocessed: [...left] };
  };
  return { batchGet, calls };
}

const noSleep = async () => {};

describe('readStockLevels', () => {
  it('reads in chunks of at most 100 keys', async () => {
    const table = fakeTable();
    const ids = [...STOCK.keys()];
    const levels = await readStockLevels(ids, { batchGet: table.batchGet, sleep: noSleep });
    expect(table.calls.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(levels.get('item-249')).toBe(249);
    expect(levels.size).toBe(250);
  });

  it('gives unknown items 0 and asks for a duplicated id once', async () => {
    const table = fakeTable();
    const levels = await readStockLevels(['item-7', 'ghost', 'item-7'], {
      batchGet: table.batchGet,
      sleep: noSleep,
    });
    expect(table.calls).toEqual([['item-7', 'ghost']]);
    expect(Object.fromEntries(levels)).toEqual({ 'item-7': 7, ghost: 0 });
  });

  it('retries unprocessed keys with growing backoff until they are read', async () => {
    const table = fakeTable((call, keys) => (call <= 3 ? keys.slice(0, 2) : []));
    const sleeps: number[] = [];
    const levels = await readStockLevels(['item-1', 'item-2', 'item-3'], {
      batchGet: table.batchGet,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.999,
      baseDelayMs: 10,
    });
    expect(table.calls).toEqual([
      ['item-1', 'item-2', 'item-3'],
      ['item-1', 'item-2'],
      ['item-1', 'item-2'],
      ['item-1', 'item-2'],
    ]);
    expect(sleeps).toEqual([10, 20, 40]);
    expect(Object.fromEntries(levels)).toEqual({ 'item-1': 1, 'item-2': 2, 'item-3': 3 });
  });

  it('caps the backoff', async () => {
    const table = fakeTable((call, keys) => (call <= 4 ? keys : []));
    const sleeps: number[] = [];
    await readStockLevels(['item-1'], {
      batchGet: table.batchGet,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.999,
      baseDelayMs: 100,
      maxDelayMs: 250,
    });
    expect(sleeps).toEqual([100, 200, 250, 250]);
  });

  it('gives up with InventoryUnavailable after maxAttempts, naming the keys', async () => {
    const table = fakeTable((_call, keys) => keys);
    const error = await readStockLevels(['item-1', 'item-2'], {
      batchGet: table.batchGet,
      sleep: noSleep,
      maxAttempts: 3,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InventoryUnavailableError);
    expect((error as Error).name).toBe('InventoryUnavailable');
    expect((error as InventoryUnavailableError).unprocessedItemIds).toEqual(['item-1', 'item-2']);
    expect(table.calls).toHaveLength(3);
  });
});
