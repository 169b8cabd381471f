import {
  type AttributeValue,
  type CancellationReason,
  type DynamoDBClient,
  GetItemCommand,
  type TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { ORDER_STATES, type ReservedItem } from '@orders/shared-types';
import type {
  OrderReservation,
  ReleaseStore,
  ReservationStore,
  ReserveStore,
  WriteAttempt,
} from '../domain/reservation-store.js';
import type { Busy } from '../domain/retry-policy.js';

// One factory per handler (reserve-stock, release-stock) so each bundle carries only the code it runs.

/** The Inventory table's key attribute and stock attribute (`{ ItemId: S, quantityInStock: N }`). */
export const INVENTORY_KEY = 'ItemId';
export const INVENTORY_STOCK = 'quantityInStock';
/** The Orders table's key attribute (`OrderId` S). */
export const ORDERS_KEY = 'OrderId';

export interface ReservationTables {
  readonly ordersTable: string;
  readonly inventoryTable: string;
}

// Every attribute through a placeholder (`State` is a reserved word); DynamoDB refuses unused ones.
const ATTRIBUTES: Record<string, string> = {
  '#id': ORDERS_KEY,
  '#state': 'State',
  '#items': 'ReservedItems',
  '#reservedAt': 'ReservedAt',
  '#releasedAt': 'ReleasedAt',
  '#expiresAt': 'ReservationExpiresAt',
  '#updatedAt': 'UpdatedAt',
  '#stock': INVENTORY_STOCK,
};
/** The placeholders `expressions` use, mapped to their attribute names. */
function namesIn(...expressions: string[]): Record<string, string> {
  const used = new Set(expressions.join(' ').match(/#\w+/g));
  return Object.fromEntries(
    [...used].map((n) => {
      const name = ATTRIBUTES[n];
      // The expressions are this file's own, and each placeholder they use is in ATTRIBUTES.
      if (name === undefined)
        throw new Error(
          `dynamoDbReserveStore: expression placeholder ${n} has no entry in ATTRIBUTES (every expression here uses only those; cannot happen)`,
        );
      return [n, name];
    }),
  );
}

/** A conditional Update for TransactWriteItems or UpdateItem, its names filled in from the expressions. */
function update(
  TableName: string,
  Key: Record<string, AttributeValue>,
  UpdateExpression: string,
  ConditionExpression: string | undefined,
  ExpressionAttributeValues: Record<string, AttributeValue>,
) {
  return {
    TableName,
    Key,
    UpdateExpression,
    ...(ConditionExpression === undefined ? {} : { ConditionExpression }),
    ExpressionAttributeNames: namesIn(UpdateExpression, ConditionExpression ?? ''),
    ExpressionAttributeValues,
  };
}

const orderKey = (orderId: string) => ({ [ORDERS_KEY]: { S: orderId } });
const itemKey = (itemId: string) => ({ [INVENTORY_KEY]: { S: itemId } });
const quantity = (line: ReservedItem) => ({ ':q': { N: String(line.quantity) } });

/** Errors and cancellation reasons for a passing condition (conflict, throttling): another try may succeed. */
const RETRYABLE =
  /^(TransactionConflict(Exception)?|TransactionInProgressException|ProvisionedThroughputExceeded(Exception)?|ThrottlingE(rror|xception)|RequestLimitExceeded)$/;

const nameOf = (error: unknown) => (error instanceof Error ? error.name : '');

/**
 * What a failed write means: busy (retry), or a cancelled transaction's reasons when every one is a
 * condition or a passing conflict. Anything else (validation, a missing table) is rethrown.
 */
function classify(error: unknown): Busy | { failed: (index: number) => boolean; retryable: string[] } {
  const name = nameOf(error);
  if (RETRYABLE.test(name)) return { status: 'busy', detail: name };
  const reasons: readonly CancellationReason[] | undefined =
    name === 'TransactionCanceledException'
      ? ((error as TransactionCanceledException).CancellationReasons ?? [])
      : undefined;
  const codes = reasons?.map((r) => r.Code ?? 'None');
  if (!codes?.every((c) => c === 'None' || c === 'ConditionalCheckFailed' || RETRYABLE.test(c))) throw error;
  return {
    failed: (index) => codes[index] === 'ConditionalCheckFailed',
    retryable: codes.filter((c) => RETRYABLE.test(c)),
  };
}

/** A stock level as reported; a missing (unknown item) or malformed one counts as none. */
function stockOf(item: Record<string, AttributeValue> | undefined): number {
  const value = Number(item?.[INVENTORY_STOCK]?.N);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function parseReservedItems(orderId: string, text: string | undefined): ReservedItem[] {
  if (text === undefined) return [];
  const parsed: unknown = JSON.parse(text);
  if (
    !Array.isArray(parsed) ||
    !parsed.every((i) => typeof i?.itemId === 'string' && Number.isInteger(i.quantity) && i.quantity > 0)
  ) {
    throw new Error(`order ${orderId}: ReservedItems is not a list of { itemId, quantity }`);
  }
  return parsed.map(({ itemId, quantity }: ReservedItem) => ({ itemId, quantity }));
}

/** The order row's reservation attributes, read consistently; undefined when there is no row. */
function readOrder(client: DynamoDBClient, ordersTable: string) {
  return async (orderId: string): Promise<OrderReservation | undefined> => {
    const projection = '#id, #state, #items, #reservedAt, #releasedAt';
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: ordersTable,
        Key: orderKey(orderId),
        ConsistentRead: true,
        ProjectionExpression: projection,
        ExpressionAttributeNames: namesIn(projection),
      }),
    );
    if (Item === undefined) return undefined;
    const order: { -readonly [K in keyof OrderReservation]: OrderReservation[K] } = {
      reservedItems: parseReservedItems(orderId, Item.ReservedItems?.S),
    };
    if (Item.State?.S !== undefined) order.state = Item.State.S;
    if (Item.ReservedAt?.S !== undefined) order.reservedAt = Item.ReservedAt.S;
    if (Item.ReleasedAt?.S !== undefined) order.releasedAt = Item.ReleasedAt.S;
    return order;
  };
}

/**
 * reserve-stock on DynamoDB: one TransactWriteItems updates the order row (only if it exists and was
 * neither reserved nor released) and takes each item's quantity (only if the stock covers it).
 */
export function dynamoDbReserveStore(client: DynamoDBClient, tables: ReservationTables): ReserveStore {
  return {
    readOrder: readOrder(client, tables.ordersTable),
    async reserve({ orderId, lines, reservedAt, expiresAt }) {
      const TransactItems: TransactWriteItem[] = [
        {
          Update: update(
            tables.ordersTable,
            orderKey(orderId),
            'SET #items = :items, #reservedAt = :now, #expiresAt = :expiresAt, #updatedAt = :now',
            'attribute_exists(#id) AND attribute_not_exists(#reservedAt) AND attribute_not_exists(#releasedAt)',
            {
              ':items': { S: JSON.stringify(lines) },
              ':now': { S: reservedAt },
              ':expiresAt': { N: String(expiresAt) },
            },
          ),
        },
        ...lines.map((line) => ({
          Update: {
            // The condition fails for an unknown item too (no attribute): it has nothing to reserve.
            ...update(
              tables.inventoryTable,
              itemKey(line.itemId),
              'SET #stock = #stock - :q',
              '#stock >= :q',
              quantity(line),
            ),
            // The item as it was, so OutOfStock can say what was available.
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        })),
      ];
      try {
        await client.send(new TransactWriteItemsCommand({ TransactItems }));
        return { status: 'reserved' };
      } catch (error) {
        const verdict = classify(error);
        if ('status' in verdict) return verdict;
        // Reasons come in the order of TransactItems: 0 is the order row, 1 + i is lines[i].
        const orderRefused = verdict.failed(0);
        if (!orderRefused && verdict.retryable.length > 0) {
          return { status: 'busy', detail: verdict.retryable.join(', ') };
        }
        const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
        const short = lines.flatMap((line, i) =>
          verdict.failed(i + 1) ? [{ itemId: line.itemId, available: stockOf(reasons[i + 1]?.Item) }] : [],
        );
        if (!orderRefused && short.length === 0) throw error;
        return { status: 'refused', orderRefused, short };
      }
    },
  };
}

/**
 * release-stock on DynamoDB: one TransactWriteItems marks the order row released (only if reserved, not
 * yet released and not sold) and adds each reserved quantity back; an order with nothing reserved gets
 * ReleasedAt alone (a tombstone) with UpdateItem.
 */
export function dynamoDbReleaseStore(client: DynamoDBClient, tables: ReservationTables): ReleaseStore {
  return {
    readOrder: readOrder(client, tables.ordersTable),
    async release({ orderId, lines, releasedAt }): Promise<WriteAttempt> {
      const TransactItems: TransactWriteItem[] = [
        {
          Update: update(
            tables.ordersTable,
            orderKey(orderId),
            'SET #releasedAt = :now, #updatedAt = :now REMOVE #expiresAt',
            'attribute_exists(#reservedAt) AND attribute_not_exists(#releasedAt) AND (attribute_not_exists(#state) OR #state <> :processed)',
            { ':now': { S: releasedAt }, ':processed': { S: ORDER_STATES.PAYMENT_PROCESSED } },
          ),
        },
        ...lines.map((line) => ({
          Update: update(
            tables.inventoryTable,
            itemKey(line.itemId),
            'ADD #stock :q',
            undefined,
            quantity(line),
          ),
        })),
      ];
      try {
        await client.send(new TransactWriteItemsCommand({ TransactItems }));
        return { status: 'done' };
      } catch (error) {
        const verdict = classify(error);
        if ('status' in verdict) return verdict;
        if (verdict.failed(0)) return { status: 'refused' };
        if (verdict.retryable.length > 0) return { status: 'busy', detail: verdict.retryable.join(', ') };
        throw error;
      }
    },
    async markReleased(orderId, releasedAt): Promise<WriteAttempt> {
      try {
        await client.send(
          new UpdateItemCommand(
            update(
              tables.ordersTable,
              orderKey(orderId),
              'SET #releasedAt = :now, #updatedAt = :now',
              // attribute_exists: never create a stub row for an order that is gone.
              'attribute_exists(#id) AND attribute_not_exists(#reservedAt) AND attribute_not_exists(#releasedAt)',
              { ':now': { S: releasedAt } },
            ),
          ),
        );
        return { status: 'done' };
      } catch (error) {
        if (nameOf(error) === 'ConditionalCheckFailedException') return { status: 'refused' };
        const verdict = classify(error);
        if ('status' in verdict) return verdict;
        throw error;
      }
    },
  };
}

/** Both stores over the same tables. */
export function dynamoDbReservationStore(
  client: DynamoDBClient,
  tables: ReservationTables,
): ReservationStore {
  return { ...dynamoDbReserveStore(client, tables), ...dynamoDbReleaseStore(client, tables) };
}
