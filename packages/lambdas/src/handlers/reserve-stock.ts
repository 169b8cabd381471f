import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseReserveStockEvent, type ReserveStockResult } from '@orders/shared-types';
import { dynamoDbReserveStore } from '../adapters/dynamodb-reservation-store.js';
import { withSimulatedShortage } from '../adapters/simulated-shortage.js';
import { reservationLines } from '../domain/reservation-lines.js';
import { reserveOrderStock } from '../domain/reserve-order-stock.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../domain/retry-policy.js';
import { type Clock, SYSTEM_CLOCK } from '../runtime/clock.js';
import { INVENTORY_TABLE_ENV, ORDERS_TABLE_ENV, requiredSetting } from '../runtime/config.js';
import { withInvocationLogging } from '../runtime/invocation.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { createSimulation, type Simulation, simulationConfigFromEnv } from '../runtime/simulation.js';

export interface ReserveStockDeps {
  readonly dynamodb: DynamoDBClient;
  /** The Orders table; default: $ORDERS_TABLE_NAME, read per invocation. */
  readonly ordersTableName?: string;
  /** The Inventory table; default: $INVENTORY_TABLE_NAME, read per invocation. */
  readonly inventoryTableName?: string;
  readonly clock?: Clock;
  /** Retries of conflicting or throttled transactions; default {@link DEFAULT_RETRY_POLICY}. */
  readonly retry?: Partial<RetryPolicy>;
  readonly simulation: Simulation;
  readonly logger: Logger;
}

/**
 * Build the reserve-stock handler: take every item's quantity from the Inventory table and record the
 * reservation on the order row, in one transaction (all or nothing, once per order id).
 */
export function createReserveStockHandler(deps: ReserveStockDeps) {
  return withInvocationLogging<ReserveStockResult>(
    {
      logger: deps.logger,
      summary: (r) => ({ itemCount: r.reservedItems.length, alreadyReserved: r.alreadyReserved }),
    },
    async ({ event, log }) => {
      const { orderId, items } = parseReserveStockEvent(event);
      const lines = reservationLines(items);
      const tables = {
        ordersTable: requiredSetting(ORDERS_TABLE_ENV, deps.ordersTableName),
        inventoryTable: requiredSetting(INVENTORY_TABLE_ENV, deps.inventoryTableName),
      };
      const store = withSimulatedShortage(dynamoDbReserveStore(deps.dynamodb, tables), deps.simulation, log);
      const result = await reserveOrderStock(
        store,
        { orderId, lines, nowMs: (deps.clock ?? SYSTEM_CLOCK).now() },
        { ...DEFAULT_RETRY_POLICY, ...deps.retry },
      );
      if (result.alreadyReserved) log.info('order already reserved: nothing reserved again', { orderId });
      return result;
    },
  );
}

// Created once per Lambda instance; the endpoint comes from the standard SDK env (AWS_ENDPOINT_URL).
const dynamodb = new DynamoDBClient({});

/** The Lambda entry point (`index.handler`). */
export const handler = createReserveStockHandler({
  dynamodb,
  simulation: createSimulation(simulationConfigFromEnv(), 'reserve-stock'),
  logger: createLogger({ service: 'reserve-stock' }),
});
