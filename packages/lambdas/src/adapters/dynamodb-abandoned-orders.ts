import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ORDER_STATES } from '@orders/shared-types';
import type { AbandonedOrders } from '../domain/sweep-abandoned-reservations.js';
import { ORDERS_KEY } from './dynamodb-reservation-store.js';
import { scanItems } from './internal/scan-items.js';

const NAMES = {
  '#state': 'State',
  '#reservedAt': 'ReservedAt',
  '#releasedAt': 'ReleasedAt',
  '#expiresAt': 'ReservationExpiresAt',
  '#chargeRequested': 'ChargeRequestedAt',
};

/** The Orders table as the sweeper sees it: expired reservations of unfinished orders, and their closing write. */
export function dynamoDbAbandonedOrders(client: DynamoDBClient, ordersTable: string): AbandonedOrders {
  return {
    async *expired(nowMs) {
      const items = scanItems(client, {
        TableName: ordersTable,
        ConsistentRead: true,
        ProjectionExpression: '#id',
        FilterExpression:
          '#state = :received AND attribute_exists(#reservedAt) AND attribute_not_exists(#releasedAt) AND ' +
          // An order being charged is never swept: it may have been charged (ChargeNotRecorded, alarmed).
          'attribute_not_exists(#chargeRequested) AND #expiresAt < :now',
        ExpressionAttributeNames: { ...NAMES, '#id': ORDERS_KEY },
        ExpressionAttributeValues: {
          ':received': { S: ORDER_STATES.RECEIVED },
          ':now': { N: String(Math.floor(nowMs / 1000)) },
        },
      });
      for await (const item of items) {
        const orderId = item[ORDERS_KEY]?.S;
        if (orderId !== undefined) yield orderId;
      }
    },
    async close(orderId, reason, nowMs) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: ordersTable,
            Key: { [ORDERS_KEY]: { S: orderId } },
            UpdateExpression: 'SET #state = :failed, #reason = :reason, #updatedAt = :now',
            // Only an order still waiting for its workflow, whose stock is back.
            ConditionExpression: '#state = :received AND attribute_exists(#releasedAt)',
            ExpressionAttributeNames: {
              '#state': 'State',
              '#reason': 'Reason',
              '#updatedAt': 'UpdatedAt',
              '#releasedAt': 'ReleasedAt',
            },
            ExpressionAttributeValues: {
              ':failed': { S: ORDER_STATES.FAILED },
              ':received': { S: ORDER_STATES.RECEIVED },
              ':reason': { S: reason },
              ':now': { S: new Date(nowMs).toISOString() },
            },
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
