import { type AttributeValue, BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { BatchGetStock } from '../domain/read-stock-levels.js';

/** The Inventory table's key attribute and stock attribute (`{ ItemId: S, quantityInStock: N }`). */
export const INVENTORY_KEY = 'ItemId';
export const INVENTORY_STOCK = 'quantityInStock';

function stockOf(item: Record<string, AttributeValue>): number {
  const value = Number(item[INVENTORY_STOCK]?.N);
  // A missing or malformed stock level counts as none: never sell what we cannot count.
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** One BatchGetItem request against the Inventory table (the port `readStockLevels` drives). */
export function dynamoDbBatchGetStock(client: DynamoDBClient, tableName: string): BatchGetStock {
  return async (itemIds) => {
    const response = await client.send(
      new BatchGetItemCommand({
        RequestItems: {
          [tableName]: {
            Keys: itemIds.map((id) => ({ [INVENTORY_KEY]: { S: id } })),
            ProjectionExpression: '#id, #stock',
            ExpressionAttributeNames: { '#id': INVENTORY_KEY, '#stock': INVENTORY_STOCK },
          },
        },
      }),
    );
    const found = (response.Responses?.[tableName] ?? []).flatMap((item) => {
      const itemId = item[INVENTORY_KEY]?.S;
      return itemId === undefined ? [] : [{ itemId, quantityInStock: stockOf(item) }];
    });
    const unprocessed = (response.UnprocessedKeys?.[tableName]?.Keys ?? []).flatMap((key) => {
      const itemId = key[INVENTORY_KEY]?.S;
      return itemId === undefined ? [] : [itemId];
    });
    return { found, unprocessed };
  };
}
