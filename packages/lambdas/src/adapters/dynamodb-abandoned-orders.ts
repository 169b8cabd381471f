import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { isCardType, ORDER_STATES, type OrderNotification } from '@orders/shared-types';
import type { AbandonedOrders } from '../domain/sweep-abandoned-reservations.js';
import { ORDERS_KEY } from './dynamodb-reservation-store.js';
import { scanItems } from './internal/scan-items.js';

const NAMES = {
  '#state': 'State',
  '#reservedAt': 'ReservedAt',
  '#releasedAt': 'ReleasedAt',
  '#expiresAt': 'ReservationExpiresAt',
  '#chargeRequested': 'ChargeRequestedAt',
  '#chargeDeclined': 'ChargeDeclinedAt',
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
          // An order being charged is never swept: it may have been charged (ChargeNotRecorded, alarmed). A
          // declined one was not charged (ChargeDeclinedAt): that one is.
          '(attribute_not_exists(#chargeRequested) OR attribute_exists(#chargeDeclined)) AND #expiresAt < :now',
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
      // The FAILED notification goes into the row's outbox with the close: the re-sender publishes it.
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: ordersTable,
          Key: { [ORDERS_KEY]: { S: orderId } },
          ConsistentRead: true,
        }),
      );
      if (Item === undefined) return false;
      const notification = failedNotification(orderId, reason, Item);
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: ordersTable,
            Key: { [ORDERS_KEY]: { S: orderId } },
            UpdateExpression:
              'SET #state = :failed, #reason = :reason, #updatedAt = :now, #pending = :notification, #pendingSince = :now',
            // Only an order still waiting for its workflow, whose stock is back.
            ConditionExpression: '#state = :received AND attribute_exists(#releasedAt)',
            ExpressionAttributeNames: {
              '#state': 'State',
              '#reason': 'Reason',
              '#updatedAt': 'UpdatedAt',
              '#releasedAt': 'ReleasedAt',
              '#pending': 'PendingNotification',
              '#pendingSince': 'NotificationFailedAt',
            },
            ExpressionAttributeValues: {
              ':failed': { S: ORDER_STATES.FAILED },
              ':received': { S: ORDER_STATES.RECEIVED },
              ':reason': { S: reason },
              ':now': { S: new Date(nowMs).toISOString() },
              ':notification': { S: JSON.stringify(notification) },
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

/** The notification of an order the sweeper closed, from its row (no card data past type and last four). */
function failedNotification(
  orderId: string,
  reason: string,
  item: Record<string, AttributeValue>,
): OrderNotification {
  const cardType = isCardType(item.CardType?.S) ? item.CardType?.S : undefined;
  const cardLast4 = item.CardLast4?.S;
  return {
    orderId,
    state: ORDER_STATES.FAILED,
    customerId: item.CustomerId?.S ?? '',
    orderTotal: Number(item.OrderTotal?.N ?? 0),
    items: JSON.parse(item.Items?.S ?? '[]') as OrderNotification['items'],
    reason,
    ...(cardType === undefined ? {} : { cardType }),
    ...(cardLast4 === undefined ? {} : { cardLast4 }),
  };
}
