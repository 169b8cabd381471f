import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { NotificationOutbox } from '../domain/resend-notifications.js';
import { ORDERS_KEY } from './dynamodb-reservation-store.js';
import { scanItems } from './internal/scan-items.js';

const PENDING = 'PendingNotification';

/**
 * The outbox on the Orders table: a filtered Scan for rows with `PendingNotification` (page by page), and
 * the conditional removal of a sent one. A Scan rather than an index: the attribute is the message's text
 * (too long for an index key) and the table has no index; the sweeper scans the same table on a schedule too.
 */
export function dynamoDbNotificationOutbox(client: DynamoDBClient, ordersTable: string): NotificationOutbox {
  return {
    async *pending() {
      const items = scanItems(client, {
        TableName: ordersTable,
        // A row cleared a moment ago is not found again (and sent twice).
        ConsistentRead: true,
        ProjectionExpression: '#id, #pending',
        FilterExpression: 'attribute_exists(#pending)',
        ExpressionAttributeNames: { '#id': ORDERS_KEY, '#pending': PENDING },
      });
      for await (const item of items) {
        const orderId = item[ORDERS_KEY]?.S;
        if (orderId !== undefined) yield { orderId, message: item[PENDING]?.S };
      }
    },
    async clear(orderId, message) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: ordersTable,
            Key: { [ORDERS_KEY]: { S: orderId } },
            UpdateExpression: 'REMOVE #pending, #failedAt, #error',
            // Only the message that was sent: one the workflow wrote since then stays for the next run.
            ConditionExpression: '#pending = :message',
            ExpressionAttributeNames: {
              '#pending': PENDING,
              '#failedAt': 'NotificationFailedAt',
              '#error': 'NotificationError',
            },
            ExpressionAttributeValues: { ':message': { S: message } },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}
