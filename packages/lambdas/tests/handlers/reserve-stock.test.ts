import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MotoServer } from '@orders/moto-server';
import { EXAMPLE_ORDERS, INVENTORY_FIXTURE, InvalidOrderError } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutOfStockError } from '../../src/domain/out-of-stock-error.js';
import { RESERVATION_TTL_SECONDS } from '../../src/domain/reserve-order-stock.js';
import { createReleaseStockHandler } from '../../src/handlers/release-stock.js';
import { createSimulation, NO_SIMULATION, simulationConfigFromEnv } from '../../src/runtime/simulation.js';
import { memoryLogger } from '../support/capture-logs.js';
import { claimOrder, orderRow, putStock, startStockTables, stockLevel } from '../support/inventory.js';
import { serialProxy } from '../support/serial-proxy.js';

type Module = typeof import('../../src/handlers/reserve-stock.js');

let moto: MotoServer;
let dynamodb: DynamoDBClient;
let mod: Module;
const ORDERS = 'Orders';
const INVENTORY = 'Inventory';
const NOW = Date.parse('2026-11-29T12:00:00.000Z');

let stop: () => Promise<void>;
beforeAll(async () => {
  ({ moto, dynamodb, stop } = await startStockTables({
    orders: ORDERS,
    inventory: INVENTORY,
    stock: INVENTORY_FIXTURE,
  }));
  mod = await import('../../src/handlers/reserve-stock.js');
}, 60_000);
afterAll(() => stop?.());

function reserver(simulation = NO_SIMULATION) {
  const logs = memoryLogger('reserve-stock');
  const reserve = mod.createReserveStockHandler({
    dynamodb,
    ordersTableName: ORDERS,
    inventoryTableName: INVENTORY,
    clock: { now: () => NOW },
    simulation,
    logger: logs.logger,
  });
  return { reserve, logs };
}

const release = (event: unknown) =>
  createReleaseStockHandler({
    dynamodb,
    ordersTableName: ORDERS,
    inventoryTableName: INVENTORY,
    logger: memoryLogger('release-stock').logger,
  })(event);

const line = (itemId: string, quantity: number) => ({ itemId, quantity, price: 1, itemDescription: 'X' });
const stock = (itemId: string) => stockLevel(dynamodb, INVENTORY, itemId);

describe('reserve-stock handler (moto)', () => {
  it('reserves every item and records the reservation on the order row', async () => {
    await claimOrder(dynamodb, ORDERS, 'r-ok');
    const { reserve, logs } = reserver();
    const result = await reserve(
      { orderId: 'r-ok', items: EXAMPLE_ORDERS.success.orderContents.items },
      { awsRequestId: 'req-1' },
    );
    expect(result).toEqual({
      reservedItems: [
        { itemId: 'item-c9f4x', quantity: 1 },
        { itemId: 'item-g7b2q', quantity: 1 },
        { itemId: 'item-p4c97', quantity: 1 },
      ],
      reservedAt: '2026-11-29T12:00:00.000Z',
      alreadyReserved: false,
    });
    expect(await stock('item-c9f4x')).toBe(24);
    expect(await stock('item-g7b2q')).toBe(119);
    expect(await stock('item-p4c97')).toBe(39);
    expect(await orderRow(dynamodb, ORDERS, 'r-ok')).toMatchObject({
      State: 'RECEIVED',
      ReservedItems: JSON.stringify(result.reservedItems),
      ReservedAt: '2026-11-29T12:00:00.000Z',
      ReservationExpiresAt: NOW / 1000 + RESERVATION_TTL_SECONDS,
      UpdatedAt: '2026-11-29T12:00:00.000Z',
    });
    expect(logs.entries().at(-1)).toMatchObject({
      message: 'invocation succeeded',
      correlationId: 'r-ok',
      itemCount: 3,
      alreadyReserved: false,
    });
  });

  it('is all or nothing: one short item reserves nothing and the error names both short items', async () => {
    await putStock(dynamodb, INVENTORY, [
      { itemId: 'aon-a', quantityInStock: 10 },
      { itemId: 'aon-b', quantityInStock: 3 },
    ]);
    await claimOrder(dynamodb, ORDERS, 'r-aon');
    const { reserve } = reserver();
    const error = await reserve({
      orderId: 'r-aon',
      items: [line('aon-a', 2), line('aon-b', 5), line('aon-ghost', 2)],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfStockError);
    expect((error as Error).name).toBe('OutOfStock');
    expect((error as Error).message).toBe(
      'Out of stock: aon-b: 5 ordered, 3 available; aon-ghost: 2 ordered, 0 available',
    );
    expect(await stock('aon-a')).toBe(10);
    expect(await stock('aon-b')).toBe(3);
    expect(await stock('aon-ghost')).toBeUndefined();
    const row = await orderRow(dynamodb, ORDERS, 'r-aon');
    expect(row?.ReservedAt).toBeUndefined();
    expect(row?.ReservedItems).toBeUndefined();
  });

  it('adds up the lines of the same item (two lines of 3 need 6)', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'sum-a', quantityInStock: 5 }]);
    await claimOrder(dynamodb, ORDERS, 'r-sum-1');
    const { reserve } = reserver();
    await expect(
      reserve({ orderId: 'r-sum-1', items: [line('sum-a', 3), line('sum-a', 3)] }),
    ).rejects.toThrow('Out of stock: sum-a: 6 ordered, 5 available');
    await claimOrder(dynamodb, ORDERS, 'r-sum-2');
    const result = await reserve({ orderId: 'r-sum-2', items: [line('sum-a', 2), line('sum-a', 3)] });
    expect(result.reservedItems).toEqual([{ itemId: 'sum-a', quantity: 5 }]);
    expect(await stock('sum-a')).toBe(0);
  });

  it('is idempotent: a second call returns the recorded reservation and takes the stock once', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'idem-a', quantityInStock: 4 }]);
    await claimOrder(dynamodb, ORDERS, 'r-idem');
    const first = await reserver().reserve({ orderId: 'r-idem', items: [line('idem-a', 3)] });
    const { reserve, logs } = reserver();
    const again = await reserve({ orderId: 'r-idem', items: [line('idem-a', 3)] });
    expect(again).toEqual({ ...first, alreadyReserved: true });
    // Even though 3 more would no longer fit: the repeat reserves nothing, so it is not out of stock.
    expect(await stock('idem-a')).toBe(1);
    expect(logs.entries().at(-1)).toMatchObject({ itemCount: 1, alreadyReserved: true });
  });

  it('refuses a reservation after the order was released (ReservationReleased), taking nothing', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'late-a', quantityInStock: 4 }]);
    await claimOrder(dynamodb, ORDERS, 'r-late');
    await reserver().reserve({ orderId: 'r-late', items: [line('late-a', 1)] });
    await release({ orderId: 'r-late' });
    expect(await stock('late-a')).toBe(4);
    const error = await reserver()
      .reserve({ orderId: 'r-late', items: [line('late-a', 1)] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ReservationReleased' });
    expect((error as Error).message).toContain('already released');
    expect(await stock('late-a')).toBe(4);
  });

  it('throws OrderNotClaimed when the order row does not exist, taking nothing', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'nc-a', quantityInStock: 4 }]);
    const error = await reserver()
      .reserve({ orderId: 'r-not-claimed', items: [line('nc-a', 1)] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'OrderNotClaimed' });
    expect(await stock('nc-a')).toBe(4);
    expect(await orderRow(dynamodb, ORDERS, 'r-not-claimed')).toBeUndefined();
  });

  it('20 concurrent orders of 1 unit against a stock of 5: exactly 5 reserved, stock 0, never negative', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'race-a', quantityInStock: 5 }]);
    const ids = Array.from({ length: 20 }, (_, i) => `r-race-${i}`);
    for (const id of ids) await claimOrder(dynamodb, ORDERS, id);
    // Each request atomic, as in DynamoDB (moto alone is not: see serialProxy); the 20 calls still run
    // concurrently and interleave between requests.
    const proxy = await serialProxy(moto.endpoint);
    const client = new DynamoDBClient({ endpoint: proxy.endpoint });
    try {
      const reserve = mod.createReserveStockHandler({
        dynamodb: client,
        ordersTableName: ORDERS,
        inventoryTableName: INVENTORY,
        simulation: NO_SIMULATION,
        logger: memoryLogger('reserve-stock').logger,
      });
      const outcomes = await Promise.allSettled(
        ids.map((orderId) => reserve({ orderId, items: [line('race-a', 1)] })),
      );
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
      expect(refused.map((e) => e.message)).toEqual(
        Array(15).fill('Out of stock: race-a: 1 ordered, 0 available'),
      );
      expect(await stock('race-a')).toBe(0);
      const rows = await Promise.all(ids.map((id) => orderRow(dynamodb, ORDERS, id)));
      expect(rows.filter((r) => r?.ReservedAt !== undefined)).toHaveLength(5);
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  it('throws InvalidOrder for more than 99 distinct items and for malformed events, naming the field', async () => {
    const { reserve } = reserver();
    const many = Array.from({ length: 100 }, (_, i) => line(`many-${i}`, 1));
    const tooMany = await reserve({ orderId: 'r-many', items: many }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(InvalidOrderError);
    expect((tooMany as Error).message).toContain(
      'event.items: expected at most 99 distinct item ids, got 100',
    );
    const noId = await reserve({ items: [line('a', 1)] }).catch((e: unknown) => e);
    expect(noId).toBeInstanceOf(InvalidOrderError);
    expect((noId as Error).message).toContain('orderId');
    const badPrice = await reserve({
      orderId: 'r-bad',
      items: [{ itemId: 'a', price: 'free', itemDescription: 'X' }],
    }).catch((e: unknown) => e);
    expect((badPrice as Error).message).toContain('items[0].price: expected a number, got "free"');
  });

  it('refuses every item without writing anything when the simulation rate is 1', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'sim-a', quantityInStock: 4 }]);
    await claimOrder(dynamodb, ORDERS, 'r-sim');
    const sim = createSimulation(
      simulationConfigFromEnv({ ORDERS_SIMULATE: '1', ORDERS_SIM_OUT_OF_STOCK_RATE: '1' }),
      'reserve-stock',
    );
    const { reserve, logs } = reserver(sim);
    await expect(reserve({ orderId: 'r-sim', items: [line('sim-a', 2)] })).rejects.toMatchObject({
      name: 'OutOfStock',
      message: 'Out of stock: sim-a: 2 ordered, 0 available',
    });
    expect(await stock('sim-a')).toBe(4);
    expect((await orderRow(dynamodb, ORDERS, 'r-sim'))?.ReservedAt).toBeUndefined();
    expect(logs.entries().some((e) => e.message === 'simulated out of stock: nothing reserved')).toBe(true);
  });

  it('the exported handler finds moto through AWS_ENDPOINT_URL and the tables through the env', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'env-a', quantityInStock: 2 }]);
    await claimOrder(dynamodb, ORDERS, 'r-env');
    const result = await mod.handler(
      { orderId: 'r-env', items: [line('env-a', 2)] },
      { awsRequestId: 'req-env' },
    );
    expect(result).toMatchObject({
      reservedItems: [{ itemId: 'env-a', quantity: 2 }],
      alreadyReserved: false,
    });
    expect(await stock('env-a')).toBe(0);
  });

  it.each(['ORDERS_TABLE_NAME', 'INVENTORY_TABLE_NAME'])('fails clearly without %s', async (name) => {
    const handler = mod.createReserveStockHandler({
      dynamodb,
      simulation: NO_SIMULATION,
      logger: memoryLogger('reserve-stock').logger,
    });
    const saved = process.env[name];
    delete process.env[name];
    try {
      await expect(handler({ orderId: 'r-cfg', items: [line('a', 1)] })).rejects.toMatchObject({
        name: 'MissingConfiguration',
        message: `${name} is not set`,
      });
    } finally {
      process.env[name] = saved;
    }
  });
});
