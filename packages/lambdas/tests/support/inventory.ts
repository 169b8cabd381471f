import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { type MotoServer, startMoto } from '@orders/moto-server';
import { ORDER_STATES, type OrderState } from '@orders/shared-types';

/** moto on a free loopback port plus a DynamoDB client pointed at it. */
export async function startDynamo(): Promise<{ moto: MotoServer; dynamodb: DynamoDBClient }> {
  const moto = await startMoto();
  const dynamodb = new DynamoDBClient({ endpoint: moto.endpoint });
  return { moto, dynamodb };
}

/** Create an on-demand table with a string hash key. */
export async function createTable(dynamodb: DynamoDBClient, tableName: string, key: string): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

/** Create an Inventory table (`ItemId` S key) and write `items` into it. */
export async function createInventoryTable(
  dynamodb: DynamoDBClient,
  tableName: string,
  items: ReadonlyArray<{ itemId: string; quantityInStock: number }>,
): Promise<void> {
  await createTable(dynamodb, tableName, 'ItemId');
  await putStock(dynamodb, tableName, items);
}

/** Write (overwrite) stock levels. */
export async function putStock(
  dynamodb: DynamoDBClient,
  tableName: string,
  items: ReadonlyArray<{ itemId: string; quantityInStock: number }>,
): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const requests: WriteRequest[] = items.slice(i, i + 25).map((item) => ({
      PutRequest: {
        Item: { ItemId: { S: item.itemId }, quantityInStock: { N: String(item.quantityInStock) } },
      },
    }));
    await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
  }
}

/** An item's stock level (undefined when the item or its attribute is missing). */
export async function stockLevel(
  dynamodb: DynamoDBClient,
  tableName: string,
  itemId: string,
): Promise<number | undefined> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: tableName, Key: { ItemId: { S: itemId } }, ConsistentRead: true }),
  );
  const n = Item?.quantityInStock?.N;
  return n === undefined ? undefined : Number(n);
}

/** Create an Orders table (`OrderId` S key). */
export async function createOrdersTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  await createTable(dynamodb, tableName, 'OrderId');
}

/** Write an order row as the workflow's claim step does (State RECEIVED unless told otherwise). */
export async function claimOrder(
  dynamodb: DynamoDBClient,
  tableName: string,
  orderId: string,
  state: OrderState = ORDER_STATES.RECEIVED,
): Promise<void> {
  await dynamodb.send(
    new PutItemCommand({
      TableName: tableName,
      Item: {
        OrderId: { S: orderId },
        State: { S: state },
        CustomerId: { S: 'customer-1' },
        OrderTotal: { N: '10' },
        Items: { S: '[]' },
        CreatedAt: { S: '2026-11-29T11:59:00.000Z' },
      },
    }),
  );
}

/** The order row as plain values (S as string, N as number), or undefined. */
export async function orderRow(
  dynamodb: DynamoDBClient,
  tableName: string,
  orderId: string,
): Promise<Record<string, string | number> | undefined> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: tableName, Key: { OrderId: { S: orderId } }, ConsistentRead: true }),
  );
  if (Item === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(Item).map(([k, v]) => [k, v.N === undefined ? (v.S ?? JSON.stringify(v)) : Number(v.N)]),
  );
}

/**
 * moto with an Orders and an Inventory table, and the standard SDK environment pointed at them (the
 * handlers' module-scope clients read it when their module loads). `stop()` undoes all of it.
 */
export async function startStockTables(tables: {
  readonly orders: string;
  readonly inventory: string;
  readonly stock?: ReadonlyArray<{ itemId: string; quantityInStock: number }>;
}): Promise<{ moto: MotoServer; dynamodb: DynamoDBClient; stop: () => Promise<void> }> {
  const { moto, dynamodb } = await startDynamo();
  await createOrdersTable(dynamodb, tables.orders);
  await createInventoryTable(dynamodb, tables.inventory, tables.stock ?? []);
  process.env.AWS_ENDPOINT_URL = moto.endpoint;
  process.env.ORDERS_TABLE_NAME = tables.orders;
  process.env.INVENTORY_TABLE_NAME = tables.inventory;
  const stop = async () => {
    delete process.env.AWS_ENDPOINT_URL;
    delete process.env.ORDERS_TABLE_NAME;
    delete process.env.INVENTORY_TABLE_NAME;
    dynamodb.destroy();
    await moto.stop();
  };
  return { moto, dynamodb, stop };
}
