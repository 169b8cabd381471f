import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { isCardType, ORDER_STATES, type OrderRecord, type OrderState } from '@orders/shared-types';
import type { OrderReader } from '../intake/ports.js';
import { ORDERS_KEY } from './dynamodb-reservation-store.js';

const isOrderState = (value: string): value is OrderState =>
  (Object.values(ORDER_STATES) as string[]).includes(value);
/** The Orders table's rows as {@link OrderRecord}s (a consistent read: the intake answers what was written). */
export function dynamoDbOrderReader(client: DynamoDBClient, ordersTable: () => string): OrderReader {
  return {
    async get(orderId) {
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: ordersTable(),
          Key: { [ORDERS_KEY]: { S: orderId } },
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? undefined : orderRecordOf(Item);
    },
  };
}

/** A row in DynamoDB's attribute-value form as an {@link OrderRecord}; a malformed row is an error, named. */
export function orderRecordOf(item: Record<string, AttributeValue>): OrderRecord {
  const s = (name: string) => item[name]?.S;
  const orderId = s(ORDERS_KEY) ?? '';
  const state = s('State') ?? '';
  if (!isOrderState(state))
    throw new Error(`order ${orderId}: the row's State ${JSON.stringify(state)} is unknown`);
  const cardType = s('CardType');
  const optional = <K extends keyof OrderRecord>(key: K, value: OrderRecord[K] | undefined) =>
    value === undefined ? {} : { [key]: value };
  return {
    OrderId: orderId,
    State: state,
    CustomerId: s('CustomerId') ?? '',
    OrderTotal: Number(item.OrderTotal?.N ?? Number.NaN),
    Items: JSON.parse(s('Items') ?? '[]') as OrderRecord['Items'],
    CreatedAt: s('CreatedAt') ?? '',
    ...optional('Reason', s('Reason')),
    ...optional('ChargeId', s('ChargeId')),
    ...optional('CardType', cardType !== undefined && isCardType(cardType) ? cardType : undefined),
    ...optional('CardLast4', s('CardLast4')),
    ...optional('UpdatedAt', s('UpdatedAt')),
  };
}
