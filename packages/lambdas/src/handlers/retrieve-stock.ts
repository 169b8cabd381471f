import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseRetrieveStockEvent, type RetrieveStockResult } from '@orders/shared-types';
import { dynamoDbBatchGetStock } from '../adapters/dynamodb-stock-reader.js';
import { readStockLevels } from '../domain/read-stock-levels.js';
import { stockItems } from '../domain/stock-items.js';
import type { LambdaContext } from '../runtime/lambda-context.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { runHandler } from '../runtime/run-handler.js';
import { createSimulation, type Simulation, simulationConfigFromEnv } from '../runtime/simulation.js';

/** The environment variable naming the Inventory table. */
export const INVENTORY_TABLE_ENV = 'INVENTORY_TABLE_NAME';

/** A required setting is missing from the Lambda's environment. */
export class MissingConfigurationError extends Error {
  override readonly name = 'MissingConfiguration';
}

export interface RetrieveStockDeps {
  readonly dynamodb: DynamoDBClient;
  /** The Inventory table; default: $INVENTORY_TABLE_NAME, read per invocation. */
  readonly tableName?: string;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly simulation: Simulation;
  readonly logger: Logger;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Build the retrieve-stock handler: read each item's stock from the Inventory table. */
export function createRetrieveStockHandler(deps: RetrieveStockDeps) {
  return (event: unknown, context?: LambdaContext): Promise<RetrieveStockResult> =>
    runHandler(
      deps.logger,
      event,
      context,
      async (log) => {
        const { items } = parseRetrieveStockEvent(event);
        const tableName = deps.tableName ?? process.env[INVENTORY_TABLE_ENV];
        if (!tableName) throw new MissingConfigurationError(`${INVENTORY_TABLE_ENV} is not set`);
        const levels = await readStockLevels(
          items.map((i) => i.itemId),
          { batchGet: dynamoDbBatchGetStock(deps.dynamodb, tableName), sleep: deps.sleep ?? sleep },
        );
        if (deps.simulation.enabled) {
          for (const id of levels.keys()) {
            if (deps.simulation.outOfStock()) {
              levels.set(id, 0);
              log.info('simulated out of stock', { itemId: id });
            }
          }
        }
        return stockItems(items, levels);
      },
      (r) => ({
        itemCount: r.items.length,
        allInStock: r.allInStock,
        outOfStock: r.items.filter((i) => !i.inStock).map((i) => i.itemId),
      }),
    );
}

// Created once per Lambda instance; the endpoint comes from the standard SDK env (AWS_ENDPOINT_URL).
const dynamodb = new DynamoDBClient({});

/** The Lambda entry point (`index.handler`). */
export const handler = createRetrieveStockHandler({
  dynamodb,
  simulation: createSimulation(simulationConfigFromEnv(), 'retrieve-stock'),
  logger: createLogger({ service: 'retrieve-stock' }),
});
