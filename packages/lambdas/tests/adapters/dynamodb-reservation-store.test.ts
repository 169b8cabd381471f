import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { MotoServer } from '@orders/moto-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbReservationStore } from '../../src/adapters/dynamodb-reservation-store.js';
import {
  claimOrder,
  createInventoryTable,
  createOrdersTable,
  orderRow,
  startDynamo,
  stockLevel,
} from '../support/inventory.js';

let moto: MotoServer;
let dynamodb: DynamoDBClient;
const ORDERS = 'OrdersAdapterTest';
const INVENTORY = 'InventoryAdapterTest';
const tables = { ordersTable: ORDERS, inventoryTable: INVENTORY };
const AT = '2026-11-29T12:00:00.000Z';

beforeAll(async () => {
  ({ moto, dynamodb } = await startDynamo());
  await createOrdersTable(dynamodb, ORDERS);
  await createInventoryTable(dynamodb, INVENTORY, [
    { itemId: 'a', quantityInStock: 10 },
    { itemId: 'b', quantityInStock: 1 },
  ]);
});
afterAll(async () => {
  dynamodb?.destroy();
  await moto?.stop();
});

const request = (orderId: string, lines: Array<{ itemId: string; quantity: number }>) => ({
  orderId,
  lines,
  reservedAt: AT,
  expiresAt: 1_800_000_000,
});

/** A client whose every call fails with `error` (what moto cannot produce: conflicts, throttling). */
const failingClient = (error: Error) =>
  ({
    send: async () => {
      throw error;
    },
  }) as unknown as DynamoDBClient;
const awsError = (name: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, ...fields });

describe('dynamoDbReservationStore (moto)', () => {
  it('reports short items with the stock moto returns in CancellationReasons (ALL_OLD); unknown and malformed as 0', async () => {
    await dynamodb.send(
      new PutItemCommand({
        TableName: INVENTORY,
        Item: { ItemId: { S: 'neg' }, quantityInStock: { N: '-4' } },
      }),
    );
    await claimOrder(dynamodb, ORDERS, 'a-short');
    const store = dynamoDbReservationStore(dynamodb, tables);
    const attempt = await store.reserve(
      request('a-short', [
        { itemId: 'a', quantity: 1 },
        { itemId: 'b', quantity: 3 },
        { itemId: 'ghost', quantity: 1 },
        { itemId: 'neg', quantity: 1 },
      ]),
    );
    expect(attempt).toEqual({
      status: 'refused',
      orderRefused: false,
      short: [
        { itemId: 'b', available: 1 },
        { itemId: 'ghost', available: 0 },
        { itemId: 'neg', available: 0 },
      ],
    });
    expect(await stockLevel(dynamodb, INVENTORY, 'a')).toBe(10);
  });

  it('reserves, then refuses on the order row; reads the row back', async () => {
    await claimOrder(dynamodb, ORDERS, 'a-row');
    const store = dynamoDbReservationStore(dynamodb, tables);
    const lines = [{ itemId: 'a', quantity: 2 }];
    expect(await store.reserve(request('a-row', lines))).toEqual({ status: 'reserved' });
    expect(await store.reserve(request('a-row', lines))).toEqual({
      status: 'refused',
      orderRefused: true,
      short: [],
    });
    expect(await store.readOrder('a-row')).toEqual({
      state: 'RECEIVED',
      reservedItems: lines,
      reservedAt: AT,
    });
    expect(await store.readOrder('a-missing')).toBeUndefined();
    expect(await store.reserve(request('a-missing', lines))).toMatchObject({ orderRefused: true });
    expect(await stockLevel(dynamodb, INVENTORY, 'a')).toBe(8);
  });

  it('marks released only an order with neither mark, and never creates a row', async () => {
    await claimOrder(dynamodb, ORDERS, 'a-tomb');
    const store = dynamoDbReservationStore(dynamodb, tables);
    expect(await store.markReleased('a-tomb', AT)).toEqual({ status: 'done' });
    expect(await store.markReleased('a-tomb', AT)).toEqual({ status: 'refused' });
    expect(await store.markReleased('a-none', AT)).toEqual({ status: 'refused' });
    expect(await orderRow(dynamodb, ORDERS, 'a-none')).toBeUndefined();
  });

  it('rethrows what is neither a condition nor a passing conflict (a missing table)', async () => {
    const store = dynamoDbReservationStore(dynamodb, { ordersTable: ORDERS, inventoryTable: 'NoSuchTable' });
    await claimOrder(dynamodb, ORDERS, 'a-no-table');
    await expect(store.reserve(request('a-no-table', [{ itemId: 'a', quantity: 1 }]))).rejects.toThrow();
  });
});

describe('dynamoDbReservationStore (scripted failures)', () => {
  const lines = [{ itemId: 'a', quantity: 1 }];

  it('maps conflict and throttling reasons and errors to busy', async () => {
    const conflict = awsError('TransactionCanceledException', {
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });
    expect(
      await dynamoDbReservationStore(failingClient(conflict), tables).reserve(request('o', lines)),
    ).toEqual({
      status: 'busy',
      detail: 'TransactionConflict',
    });
    expect(
      await dynamoDbReservationStore(failingClient(conflict), tables).release({
        orderId: 'o',
        lines,
        releasedAt: AT,
      }),
    ).toEqual({
      status: 'busy',
      detail: 'TransactionConflict',
    });
    for (const name of [
      'TransactionConflictException',
      'ThrottlingException',
      'ProvisionedThroughputExceededException',
    ]) {
      const store = dynamoDbReservationStore(failingClient(awsError(name)), tables);
      expect(await store.reserve(request('o', lines))).toEqual({ status: 'busy', detail: name });
      expect(await store.markReleased('o', AT)).toEqual({ status: 'busy', detail: name });
    }
  });

  it('a refused order row wins over a conflict on an item', async () => {
    const error = awsError('TransactionCanceledException', {
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }],
    });
    expect(await dynamoDbReservationStore(failingClient(error), tables).reserve(request('o', lines))).toEqual(
      {
        status: 'refused',
        orderRefused: true,
        short: [],
      },
    );
  });

  it('rethrows a cancellation with a reason it does not understand', async () => {
    const error = awsError('TransactionCanceledException', {
      CancellationReasons: [{ Code: 'None' }, { Code: 'ValidationError' }],
    });
    await expect(
      dynamoDbReservationStore(failingClient(error), tables).reserve(request('o', lines)),
    ).rejects.toBe(error);
  });
});
