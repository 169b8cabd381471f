import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** An Orders table row as plain values (`unmarshall`ed); the attributes are those of `OrderRecord`. */
export type OrderRow = Record<string, unknown>;

/** Every row of the Orders table whose OrderId starts with `prefix` (a consistent Scan, all pages). */
export async function scanOrders(
  dynamodb: DynamoDBClient,
  tableName: string,
  prefix: string,
): Promise<OrderRow[]> {
  const rows: OrderRow[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        FilterExpression: 'begins_with(OrderId, :p)',
        ExpressionAttributeValues: { ':p': { S: prefix } },
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of page.Items ?? []) rows.push(unmarshall(item));
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start !== undefined);
  return rows;
}
