import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MotoServer } from '@orders/moto-server';
import { EXAMPLE_ORDERS, INVENTORY_FIXTURE, InvalidOrderError } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, NO_SIMULATION, simulationConfigFromEnv } from '../../src/runtime/simulation.js';
import { memoryLogger } from '../support/capture-logs.js';
import { createInventoryTable, startDynamo } from '../support/inventory.js';

type Module = typeof import('../../src/handlers/retrieve-stock.js');

let moto: MotoServer;
let dynamodb: DynamoDBClient;
let mod: Module;
const TABLE = 'Inventory';

beforeAll(async () => {
  ({ moto, dynamodb } = await startDynamo());
  await createInventoryTable(dynamodb, TABLE, INVENTORY_FIXTURE);
  // The module-scope client reads the standard SDK env when the module loads.
  process.env.AWS_ENDPOINT_URL = moto.endpoint;
  process.env.INVENTORY_TABLE_NAME = TABLE;
  mod = await import('../../src/handlers/retrieve-stock.js');
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL;
  delete process.env.INVENTORY_TABLE_NAME;
  dynamodb?.destroy();
  await moto?.stop();
});

function retrieve(simulation = NO_SIMULATION) {
  const logs = memoryLogger('retrieve-stock');
  const handler = mod.createRetrieveStockHandler({
    dynamodb,
    tableName: TABLE,
    simulation,
    logger: logs.logger,
  });
  return { handler, logs };
}

const itemsOf = (name: keyof typeof EXAMPLE_ORDERS) => ({ items: EXAMPLE_ORDERS[name].orderContents.items });

describe('retrieve-stock handler (moto)', () => {
  it('returns every item with its stock from the Inventory table', async () => {
    const result = await retrieve().handler(itemsOf('success'));
    expect(result.allInStock).toBe(true);
    expect(result.items.map((i) => [i.itemId, i.quantity, i.quantityInStock, i.inStock])).toEqual([
      ['item-c9f4x', 1, 25, true],
      ['item-g7b2q', 1, 120, true],
      ['item-p4c97', 1, 40, true],
    ]);
  });

  it('reports the out-of-stock item of the outOfStock example', async () => {
    const result = await retrieve().handler(itemsOf('outOfStock'));
    expect(result.allInStock).toBe(false);
    expect(result.items.find((i) => i.itemId === 'item-z0s7k')).toMatchObject({
      quantityInStock: 0,
      inStock: false,
    });
  });

  it('reports a quantity larger than the stock (lowStock example)', async () => {
    const result = await retrieve().handler(itemsOf('lowStock'));
    expect(result.items[0]).toMatchObject({
      itemId: 'item-l0w5t',
      quantity: 3,
      quantityInStock: 2,
      inStock: false,
    });
  });

  it('gives an unknown item 0 in stock', async () => {
    const result = await retrieve().handler({
      items: [{ itemId: 'item-unknown', price: 1, itemDescription: 'X' }],
    });
    expect(result.items[0]).toMatchObject({ quantityInStock: 0, inStock: false });
  });

  it('throws InvalidOrder for malformed items, naming field and value', async () => {
    const error = await retrieve()
      .handler({ items: [{ itemId: 'a', price: 'free', itemDescription: 'X' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as Error).message).toContain('items[0].price: expected a number, got "free"');
  });

  it('puts every item out of stock when the simulation rate is 1', async () => {
    const sim = createSimulation(
      simulationConfigFromEnv({ ORDERS_SIMULATE: '1', ORDERS_SIM_OUT_OF_STOCK_RATE: '1' }),
      'retrieve-stock',
    );
    const result = await retrieve(sim).handler(itemsOf('success'));
    expect(result.items.every((i) => i.quantityInStock === 0)).toBe(true);
  });

  it('the exported handler finds moto through AWS_ENDPOINT_URL and the table through INVENTORY_TABLE_NAME', async () => {
    const result = await mod.handler(itemsOf('outOfStock'), { awsRequestId: 'req-env' });
    expect(result.items.map((i) => i.quantityInStock)).toEqual([25, 0]);
  });

  it('fails clearly without INVENTORY_TABLE_NAME', async () => {
    const logs = memoryLogger('retrieve-stock');
    const handler = mod.createRetrieveStockHandler({
      dynamodb,
      simulation: NO_SIMULATION,
      logger: logs.logger,
    });
    delete process.env.INVENTORY_TABLE_NAME;
    try {
      await expect(handler(itemsOf('success'))).rejects.toThrow('INVENTORY_TABLE_NAME is not set');
    } finally {
      process.env.INVENTORY_TABLE_NAME = TABLE;
    }
  });
});
