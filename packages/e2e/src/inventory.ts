import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';

/** The Inventory table's key attribute and stock attribute (`{ ItemId: S, quantityInStock: N }`). */
export const INVENTORY_KEY_ATTRIBUTE = 'ItemId';
export const INVENTORY_STOCK_ATTRIBUTE = 'quantityInStock';

/** Create (or overwrite) an Inventory row: `itemId` with `quantityInStock` in stock. */
export async function putStock(
  dynamodb: DynamoDBClient,
  tableName: string,
  itemId: string,
  quantityInStock: number,
): Promise<void> {
  await dynamodb.send(
    new PutItemCommand({
      TableName: tableName,
      Item: {
        [INVENTORY_KEY_ATTRIBUTE]: { S: itemId },
        [INVENTORY_STOCK_ATTRIBUTE]: { N: String(quantityInStock) },
      },
    }),
  );
}

/**
 * The stock of each item (a consistent read of its Inventory row), in the order given; `undefined` for an
 * item without a row or without a stock level.
 */
export async function stockLevels(
  dynamodb: DynamoDBClient,
  tableName: string,
  itemIds: readonly string[],
): Promise<Record<string, number | undefined>> {
  const entries = await Promise.all(
    itemIds.map(async (itemId) => {
      const { Item } = await dynamodb.send(
        new GetItemCommand({
          TableName: tableName,
          Key: { [INVENTORY_KEY_ATTRIBUTE]: { S: itemId } },
          ConsistentRead: true,
        }),
      );
      const stock = Item?.[INVENTORY_STOCK_ATTRIBUTE]?.N;
      return [itemId, stock === undefined ? undefined : Number(stock)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Delete Inventory rows (the items a run seeded for itself). */
export async function deleteStock(
  dynamodb: DynamoDBClient,
  tableName: string,
  itemIds: readonly string[],
): Promise<void> {
  await Promise.all(
    itemIds.map((itemId) =>
      dynamodb.send(
        new DeleteItemCommand({ TableName: tableName, Key: { [INVENTORY_KEY_ATTRIBUTE]: { S: itemId } } }),
      ),
    ),
  );
}
