import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { type MotoServer, startMoto } from '@orders/moto-server';

/** moto on a free loopback port plus a DynamoDB client pointed at it. */
export async function startDynamo(): Promise<{ moto: MotoServer; dynamodb: DynamoDBClient }> {
  const moto = await startMoto();
  const dynamodb = new DynamoDBClient({ endpoint: moto.endpoint });
  return { moto, dynamodb };
}

/** Create an Inventory table (`ItemId` S key) and write `items` into it. */
export async function createInventoryTable(
  dynamodb: DynamoDBClient,
  tableName: string,
  items: ReadonlyArray<{ itemId: string; quantityInStock: number }>,
): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: 'ItemId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'ItemId', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (let i = 0; i < items.length; i += 25) {
    const requests: WriteRequest[] = items.slice(i, i + 25).map((item) => ({
      PutRequest: {
        Item: { ItemId: { S: item.itemId }, quantityInStock: { N: String(item.quantityInStock) } },
      },
    }));
    await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
  }
}
