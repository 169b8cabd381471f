import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { MotoServer } from '@orders/moto-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbBatchGetStock } from '../../src/adapters/dynamodb-stock-reader.js';
import { readStockLevels } from '../../src/domain/read-stock-levels.js';
import { createInventoryTable, startDynamo } from '../support/inventory.js';

let moto: MotoServer;
let dynamodb: DynamoDBClient;
const TABLE = 'InventoryAdapterTest';

beforeAll(async () => {
  ({ moto, dynamodb } = await startDynamo());
  await createInventoryTable(
    dynamodb,
    TABLE,
    Array.from({ length: 250 }, (_, i) => ({ itemId: `item-${i}`, quantityInStock: i })),
  );
});
afterAll(async () => {
  dynamodb?.destroy();
  await moto?.stop();
});

describe('dynamoDbBatchGetStock (moto)', () => {
  it('reads found items and leaves unknown ones out', async () => {
    const page = await dynamoDbBatchGetStock(dynamodb, TABLE)(['item-3', 'item-99', 'ghost']);
    expect(page.unprocessed).toEqual([]);
    expect(Object.fromEntries(page.found.map((f) => [f.itemId, f.quantityInStock]))).toEqual({
      'item-3': 3,
      'item-99': 99,
    });
  });

  it('counts a malformed or negative stock as 0', async () => {
    await dynamodb.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { ItemId: { S: 'weird' }, quantityInStock: { N: '-4' } },
      }),
    );
    await dynamodb.send(new PutItemCommand({ TableName: TABLE, Item: { ItemId: { S: 'no-stock-attr' } } }));
    const page = await dynamoDbBatchGetStock(dynamodb, TABLE)(['weird', 'no-stock-attr']);
    expect(Object.fromEntries(page.found.map((f) => [f.itemId, f.quantityInStock]))).toEqual({
      weird: 0,
      'no-stock-attr': 0,
    });
  });

  it('is rejected by DynamoDB above 100 keys, which is why reads are chunked', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `item-${i}`);
    await expect(dynamoDbBatchGetStock(dynamodb, TABLE)(ids)).rejects.toThrow();
  });

  it('reads 250 items through readStockLevels in chunks', async () => {
    const ids = [...Array.from({ length: 250 }, (_, i) => `item-${i}`), 'ghost', 'item-0'];
    const levels = await readStockLevels(ids, {
      batchGet: dynamoDbBatchGetStock(dynamodb, TABLE),
      sleep: async () => {},
    });
    expect(levels.size).toBe(251);
    expect(levels.get('item-249')).toBe(249);
    expect(levels.get('ghost')).toBe(0);
  });
});
