import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { MotoServer } from '@orders/moto-server';
import { InvalidOrderError, ORDER_STATES } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReserveStockHandler } from '../../src/handlers/reserve-stock.js';
import { NO_SIMULATION } from '../../src/runtime/simulation.js';
import { memoryLogger } from '../support/capture-logs.js';
import { claimOrder, orderRow, putStock, startStockTables, stockLevel } from '../support/inventory.js';
import { serialProxy } from '../support/serial-proxy.js';

type Module = typeof import('../../src/handlers/release-stock.js');

let moto: MotoServer;
let dynamodb: DynamoDBClient;
let mod: Module;
const ORDERS = 'OrdersRelease';
const INVENTORY = 'InventoryRelease';
const NOW = Date.parse('2026-11-29T12:00:00.000Z');
const LATER = Date.parse('2026-11-29T12:05:00.000Z');

let stop: () => Promise<void>;
beforeAll(async () => {
  ({ moto, dynamodb, stop } = await startStockTables({ orders: ORDERS, inventory: INVENTORY }));
  mod = await import('../../src/handlers/release-stock.js');
}, 60_000);
afterAll(() => stop?.());

const tables = { ordersTableName: ORDERS, inventoryTableName: INVENTORY };

function releaser(now = LATER) {
  const logs = memoryLogger('release-stock');
  const release = mod.createReleaseStockHandler({
    dynamodb,
    ...tables,
    clock: { now: () => now },
    logger: logs.logger,
  });
  return { release, logs };
}

const reserve = (orderId: string, items: Array<{ itemId: string; quantity: number }>) =>
  createReserveStockHandler({
    dynamodb,
    ...tables,
    clock: { now: () => NOW },
    simulation: NO_SIMULATION,
    logger: memoryLogger('reserve-stock').logger,
  })({ orderId, items: items.map((i) => ({ ...i, price: 1, itemDescription: 'X' })) });

const stock = (itemId: string) => stockLevel(dynamodb, INVENTORY, itemId);

describe('release-stock handler (moto)', () => {
  it('gives the reservation back exactly once', async () => {
    await putStock(dynamodb, INVENTORY, [
      { itemId: 'rel-a', quantityInStock: 10 },
      { itemId: 'rel-b', quantityInStock: 3 },
    ]);
    await claimOrder(dynamodb, ORDERS, 'l-once');
    await reserve('l-once', [
      { itemId: 'rel-a', quantity: 4 },
      { itemId: 'rel-b', quantity: 3 },
    ]);
    expect([await stock('rel-a'), await stock('rel-b')]).toEqual([6, 0]);

    const { release, logs } = releaser();
    const first = await release({ orderId: 'l-once' }, { awsRequestId: 'req-1' });
    expect(first).toEqual({
      releasedItems: [
        { itemId: 'rel-a', quantity: 4 },
        { itemId: 'rel-b', quantity: 3 },
      ],
      releasedAt: '2026-11-29T12:05:00.000Z',
      alreadyReleased: false,
    });
    expect([await stock('rel-a'), await stock('rel-b')]).toEqual([10, 3]);
    const row = await orderRow(dynamodb, ORDERS, 'l-once');
    expect(row).toMatchObject({
      ReleasedAt: '2026-11-29T12:05:00.000Z',
      UpdatedAt: '2026-11-29T12:05:00.000Z',
    });
    expect(row?.ReservationExpiresAt).toBeUndefined();
    expect(logs.entries().at(-1)).toMatchObject({
      correlationId: 'l-once',
      releasedCount: 2,
      alreadyReleased: false,
    });

    const second = await releaser(LATER + 60_000).release({ orderId: 'l-once' });
    expect(second).toEqual({
      releasedItems: [],
      releasedAt: '2026-11-29T12:05:00.000Z',
      alreadyReleased: true,
    });
    expect([await stock('rel-a'), await stock('rel-b')]).toEqual([10, 3]);
  });

  it('concurrent releases of one order give it back once', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'rel-c', quantityInStock: 5 }]);
    await claimOrder(dynamodb, ORDERS, 'l-concurrent');
    await reserve('l-concurrent', [{ itemId: 'rel-c', quantity: 2 }]);
    // Each request atomic, as in DynamoDB (moto alone is not: see serialProxy).
    const proxy = await serialProxy(moto.endpoint);
    const client = new DynamoDBClient({ endpoint: proxy.endpoint });
    try {
      const release = mod.createReleaseStockHandler({
        dynamodb: client,
        ...tables,
        logger: memoryLogger('release-stock').logger,
      });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => release({ orderId: 'l-concurrent' })),
      );
      expect(results.filter((r) => r.releasedItems.length > 0)).toHaveLength(1);
      expect(results.filter((r) => r.alreadyReleased)).toHaveLength(4);
      expect(await stock('rel-c')).toBe(5);
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  it('marks a never-reserved order released (tombstone), so a later reservation is refused', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'rel-t', quantityInStock: 5 }]);
    await claimOrder(dynamodb, ORDERS, 'l-tomb');
    const { release, logs } = releaser();
    expect(await release({ orderId: 'l-tomb' })).toEqual({
      releasedItems: [],
      releasedAt: '2026-11-29T12:05:00.000Z',
      alreadyReleased: false,
    });
    expect(await orderRow(dynamodb, ORDERS, 'l-tomb')).toMatchObject({
      ReleasedAt: '2026-11-29T12:05:00.000Z',
    });
    expect(logs.entries().some((e) => e.message === 'nothing was reserved: order marked released')).toBe(
      true,
    );
    await expect(reserve('l-tomb', [{ itemId: 'rel-t', quantity: 1 }])).rejects.toMatchObject({
      name: 'ReservationReleased',
    });
    expect(await stock('rel-t')).toBe(5);
    expect(await releaser().release({ orderId: 'l-tomb' })).toMatchObject({ alreadyReleased: true });
  });

  it('never gives back the stock of a PAYMENT_PROCESSED order', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'rel-p', quantityInStock: 5 }]);
    await claimOrder(dynamodb, ORDERS, 'l-sold');
    await reserve('l-sold', [{ itemId: 'rel-p', quantity: 2 }]);
    // What recording the processed order does to the row.
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: ORDERS,
        Key: { OrderId: { S: 'l-sold' } },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'State' },
        ExpressionAttributeValues: { ':s': { S: ORDER_STATES.PAYMENT_PROCESSED } },
      }),
    );
    const { release, logs } = releaser();
    expect(await release({ orderId: 'l-sold' })).toEqual({
      releasedItems: [],
      releasedAt: '2026-11-29T12:05:00.000Z',
      alreadyReleased: false,
    });
    expect(await stock('rel-p')).toBe(3);
    expect((await orderRow(dynamodb, ORDERS, 'l-sold'))?.ReleasedAt).toBeUndefined();
    expect(logs.entries().find((e) => e.level === 'WARN')?.message).toContain('PAYMENT_PROCESSED');
  });

  it('gives nothing back for an order without a row, and writes none', async () => {
    expect(await releaser().release({ orderId: 'l-ghost' })).toEqual({
      releasedItems: [],
      releasedAt: '2026-11-29T12:05:00.000Z',
      alreadyReleased: false,
    });
    expect(await orderRow(dynamodb, ORDERS, 'l-ghost')).toBeUndefined();
  });

  it('throws InvalidOrder naming orderId for a malformed event', async () => {
    const error = await releaser()
      .release({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as Error).message).toContain('orderId');
  });

  it('the exported handler finds moto and the tables through the env', async () => {
    await claimOrder(dynamodb, ORDERS, 'l-env');
    await expect(mod.handler({ orderId: 'l-env' }, { awsRequestId: 'req-env' })).resolves.toMatchObject({
      releasedItems: [],
      alreadyReleased: false,
    });
  });

  it('fails clearly without ORDERS_TABLE_NAME', async () => {
    const handler = mod.createReleaseStockHandler({ dynamodb, logger: memoryLogger('release-stock').logger });
    delete process.env.ORDERS_TABLE_NAME;
    try {
      await expect(handler({ orderId: 'l-cfg' })).rejects.toThrow('ORDERS_TABLE_NAME is not set');
    } finally {
      process.env.ORDERS_TABLE_NAME = ORDERS;
    }
  });
});
