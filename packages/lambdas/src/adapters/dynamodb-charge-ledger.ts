import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ORDER_STATES } from '@orders/shared-types';
import { type ChargeLedger, OrderNotChargeableError } from '../domain/charge-ledger.js';
import { ORDERS_KEY } from './dynamodb-reservation-store.js';

/** The mark on the order row that a charge was asked for (`ChargeRequestedAt`), before the provider is called. */
export function dynamoDbChargeLedger(client: DynamoDBClient, ordersTable: () => string): ChargeLedger {
  return {
    async markRequested(orderId, at) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: ordersTable(),
            Key: { [ORDERS_KEY]: { S: orderId } },
            // A repeat (a retry of the same charge) keeps the first time.
            UpdateExpression: 'SET #requested = if_not_exists(#requested, :at)',
            ConditionExpression: 'attribute_exists(#id) AND #state = :received',
            ExpressionAttributeNames: {
              '#requested': 'ChargeRequestedAt',
              '#id': ORDERS_KEY,
              '#state': 'State',
            },
            ExpressionAttributeValues: { ':at': { S: at }, ':received': { S: ORDER_STATES.RECEIVED } },
          }),
        );
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException')
          throw new OrderNotChargeableError(orderId);
        throw error;
      }
    },
    async markDeclined(orderId, at) {
      await client.send(
        new UpdateItemCommand({
          TableName: ordersTable(),
          Key: { [ORDERS_KEY]: { S: orderId } },
          UpdateExpression: 'SET #declined = if_not_exists(#declined, :at)',
          // Only on a row this charge marked.
          ConditionExpression: 'attribute_exists(#requested)',
          ExpressionAttributeNames: { '#declined': 'ChargeDeclinedAt', '#requested': 'ChargeRequestedAt' },
          ExpressionAttributeValues: { ':at': { S: at } },
        }),
      );
    },
  };
}
