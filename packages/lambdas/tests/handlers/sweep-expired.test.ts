import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ORDER_STATES } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABANDONED_REASON } from '../../src/domain/sweep-abandoned-reservations.js';
import { createReserveStockHandler } from '../../src/handlers/reserve-stock.js';
import { NO_SIMULATION } from '../../src/runtime/simulation.js';
import { memoryLogger } from '../support/capture-logs.js';
import { claimOrder, orderRow, putStock, startStockTables, stockLevel } from '../support/inventory.js';

type Module = typeof import('../../src/handlers/release-stock.js');

let dynamodb: DynamoDBClient;
let mod: Module;
const ORDERS = 'OrdersSweep';
const INVENTORY = 'InventorySweep';
const RESERVED = Date.parse('2026-11-29T12:00:00.000Z');
const TWO_HOURS_LATER = RESERVED + 2 * 3600_000;
const tables = { ordersTableName: ORDERS, inventoryTableName: INVENTORY };

let stop: () => Promise<void>;
beforeAll(async () => {
  ({ dynamodb, stop } = await startStockTables({ orders: ORDERS, inventory: INVENTORY }));
  mod = await import('../../src/handlers/release-stock.js');
}, 60_000);
afterAll(() => stop?.());

const reserve = (orderId: string, quantity: number, at = RESERVED) =>
  createReserveStockHandler({
    dynamodb,
    ...tables,
    clock: { now: () => at },
    simulation: NO_SIMULATION,
    logger: memoryLogger('reserve-stock').logger,
  })({ orderId, items: [{ itemId: 'sweep-item', quantity, price: 1, itemDescription: 'X' }] });

const sweep = (now: number) =>
  mod.createSweepExpiredHandler({
    dynamodb,
    ...tables,
    clock: { now: () => now },
    logger: memoryLogger('s').logger,
  })({});

describe('the sweeper (index.sweepExpired)', () => {
  it('releases and closes abandoned reservations only: not fresh, sold or possibly charged ones, and only once', async () => {
    await putStock(dynamodb, INVENTORY, [{ itemId: 'sweep-item', quantityInStock: 20 }]);
    for (const id of ['abandoned', 'sold', 'fresh', 'charging', 'declined'])
      await claimOrder(dynamodb, ORDERS, id);
    await reserve('abandoned', 3);
    await reserve('sold', 4);
    await reserve('charging', 2);
    await reserve('declined', 1);
    // 'declined' was marked for the charge, then the provider declined it: not charged, so it is swept.
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: ORDERS,
        Key: { OrderId: { S: 'declined' } },
        UpdateExpression: 'SET ChargeRequestedAt = :t, ChargeDeclinedAt = :t',
        ExpressionAttributeValues: { ':t': { S: '2026-11-29T12:00:01.000Z' } },
      }),
    );
    // charge-payment marked 'charging' and then its workflow stopped: it may have been charged.
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: ORDERS,
        Key: { OrderId: { S: 'charging' } },
        UpdateExpression: 'SET ChargeRequestedAt = :t',
        ExpressionAttributeValues: { ':t': { S: '2026-11-29T12:00:01.000Z' } },
      }),
    );
    await reserve('fresh', 5, TWO_HOURS_LATER - 60_000);
    // 'sold' was charged and recorded, but its expiry stayed (as after ChargeNotRecorded's manual repair).
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: ORDERS,
        Key: { OrderId: { S: 'sold' } },
        UpdateExpression: 'SET #s = :p',
        ExpressionAttributeNames: { '#s': 'State' },
        ExpressionAttributeValues: { ':p': { S: ORDER_STATES.PAYMENT_PROCESSED } },
      }),
    );
    expect(await stockLevel(dynamodb, INVENTORY, 'sweep-item')).toBe(5);

    expect(await sweep(TWO_HOURS_LATER)).toEqual({ found: 2, released: 2, closed: 2 });
    expect(await stockLevel(dynamodb, INVENTORY, 'sweep-item')).toBe(9);
    // Each closed order's FAILED notification waits in its row's outbox for the re-sender.
    for (const id of ['abandoned', 'declined']) {
      const row = await orderRow(dynamodb, ORDERS, id);
      expect(JSON.parse(String(row?.PendingNotification)), id).toMatchObject({
        orderId: id,
        state: ORDER_STATES.FAILED,
        reason: ABANDONED_REASON,
      });
    }
    expect(await orderRow(dynamodb, ORDERS, 'charging')).toMatchObject({ State: ORDER_STATES.RECEIVED });
    expect(await orderRow(dynamodb, ORDERS, 'abandoned')).toMatchObject({
      State: ORDER_STATES.FAILED,
      Reason: ABANDONED_REASON,
      ReleasedAt: expect.any(String),
    });
    expect(await orderRow(dynamodb, ORDERS, 'fresh')).toMatchObject({ State: ORDER_STATES.RECEIVED });
    expect((await orderRow(dynamodb, ORDERS, 'sold'))?.ReleasedAt).toBeUndefined();

    // A second sweep finds nothing left to do.
    expect(await sweep(TWO_HOURS_LATER + 60_000)).toEqual({ found: 0, released: 0, closed: 0 });
    expect(await stockLevel(dynamodb, INVENTORY, 'sweep-item')).toBe(9);
    expect((await orderRow(dynamodb, ORDERS, 'charging'))?.PendingNotification).toBeUndefined();
  }, 60_000);
});
