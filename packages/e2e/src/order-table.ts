import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** The attribute that holds the order id in the Orders table (OrderRecord.OrderId). */
export const ORDER_ID_ATTRIBUTE = 'OrderId';

/**
 * Every row of the Orders table whose `OrderId` attribute is `orderId`. A scan with a filter rather than
 * GetItem: it does not depend on the table's key schema, and it would reveal a duplicate row under a
 * different key (the point of the "submitted twice" scenario).
 */
export async function orderRows(
  dynamodb: DynamoDBClient,
  tableName: string,
  orderId: string,
  attribute = ORDER_ID_ATTRIBUTE,
): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        FilterExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': attribute },
        ExpressionAttributeValues: { ':id': { S: orderId } },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    rows.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}

/** The one row of `orderId` in the Orders table, or undefined; throws when there are several. */
export async function getOrderRow(
  dynamodb: DynamoDBClient,
  tableName: string,
  orderId: string,
): Promise<Record<string, unknown> | undefined> {
  const rows = await orderRows(dynamodb, tableName, orderId);
  if (rows.length > 1)
    throw new Error(`${rows.length} rows for order ${orderId} in ${tableName}, expected one`);
  return rows[0];
}

/** Every row of a table, as plain values (for "appears nowhere" checks). */
export async function scanTable(
  dynamodb: DynamoDBClient,
  tableName: string,
): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    rows.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}
