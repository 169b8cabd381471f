import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseReleaseStockEvent, type ReleaseStockResult } from '@orders/shared-types';
import { dynamoDbAbandonedOrders } from '../adapters/dynamodb-abandoned-orders.js';
import { dynamoDbReleaseStore } from '../adapters/dynamodb-reservation-store.js';
import { releaseOrderStock } from '../domain/release-order-stock.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../domain/retry-policy.js';
import { type SweepResult, sweepAbandonedReservations } from '../domain/sweep-abandoned-reservations.js';
import { type Clock, SYSTEM_CLOCK } from '../runtime/clock.js';
import { INVENTORY_TABLE_ENV, ORDERS_TABLE_ENV, requiredSetting } from '../runtime/config.js';
import { withInvocationLogging } from '../runtime/invocation.js';
import { createLogger, type Logger } from '../runtime/logger.js';

export interface ReleaseStockDeps {
  readonly dynamodb: DynamoDBClient;
  /** The Orders table; default: $ORDERS_TABLE_NAME, read per invocation. */
  readonly ordersTableName?: string;
  /** The Inventory table; default: $INVENTORY_TABLE_NAME, read per invocation. */
  readonly inventoryTableName?: string;
  readonly clock?: Clock;
  /** Retries of conflicting or throttled transactions; default {@link DEFAULT_RETRY_POLICY}. */
  readonly retry?: Partial<RetryPolicy>;
  readonly logger: Logger;
}

/** Build the release-stock handler: give back, exactly once, what the order row says is reserved. */
export function createReleaseStockHandler(deps: ReleaseStockDeps) {
  return withInvocationLogging<ReleaseStockResult>(
    {
      logger: deps.logger,
      summary: (r) => ({ releasedCount: r.releasedItems.length, alreadyReleased: r.alreadyReleased }),
    },
    async ({ event, log }) => {
      const { orderId } = parseReleaseStockEvent(event);
      const store = dynamoDbReleaseStore(deps.dynamodb, {
        ordersTable: requiredSetting(ORDERS_TABLE_ENV, deps.ordersTableName),
        inventoryTable: requiredSetting(INVENTORY_TABLE_ENV, deps.inventoryTableName),
      });
      const { outcome, ...result } = await releaseOrderStock(
        store,
        { orderId, nowMs: (deps.clock ?? SYSTEM_CLOCK).now() },
        { ...DEFAULT_RETRY_POLICY, ...deps.retry },
      );
      if (outcome === 'sold')
        log.warn('order was charged (PAYMENT_PROCESSED): sold stock is not released', { orderId });
      else if (outcome === 'no-order') log.warn('no order record: nothing to release', { orderId });
      else if (outcome === 'nothing-reserved')
        log.info('nothing was reserved: order marked released', { orderId });
      return result;
    },
  );
}

/**
 * Build the sweeper (`index.sweepExpired`, run on a schedule): release and close every order whose
 * reservation expired unfinished. Same bundle and permissions as release-stock, plus Scan on the Orders table.
 */
export function createSweepExpiredHandler(deps: ReleaseStockDeps) {
  return withInvocationLogging<SweepResult>(
    { logger: deps.logger, summary: (r) => ({ ...r }) },
    async ({ log }) => {
      const tables = {
        ordersTable: requiredSetting(ORDERS_TABLE_ENV, deps.ordersTableName),
        inventoryTable: requiredSetting(INVENTORY_TABLE_ENV, deps.inventoryTableName),
      };
      const store = dynamoDbReleaseStore(deps.dynamodb, tables);
      const clock = deps.clock ?? SYSTEM_CLOCK;
      const retry = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
      const result = await sweepAbandonedReservations(
        dynamoDbAbandonedOrders(deps.dynamodb, tables.ordersTable),
        (orderId) => releaseOrderStock(store, { orderId, nowMs: clock.now() }, retry),
        clock.now(),
      );
      if (result.found > 0) log.warn('released abandoned reservations', { ...result });
      return result;
    },
  );
}

// Created once per Lambda instance; the endpoint comes from the standard SDK env (AWS_ENDPOINT_URL).
const dynamodb = new DynamoDBClient({});

/** The Lambda entry point (`index.handler`). */
export const handler = createReleaseStockHandler({
  dynamodb,
  logger: createLogger({ service: 'release-stock' }),
});

/** The sweeper's entry point (`index.sweepExpired`), in the same bundle. */
export const sweepExpired = createSweepExpiredHandler({
  dynamodb,
  logger: createLogger({ service: 'release-expired' }),
});
