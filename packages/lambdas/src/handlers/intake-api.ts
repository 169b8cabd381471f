import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { dynamoDbCardVault } from '../adapters/dynamodb-card-vault.js';
import { dynamoDbIdempotencyStore } from '../adapters/dynamodb-idempotency-store.js';
import { dynamoDbOrderReader } from '../adapters/dynamodb-order-reader.js';
import { sfnWorkflowStarter } from '../adapters/sfn-workflow-starter.js';
import { SimulatedPaymentProvider } from '../domain/simulated-payment-provider.js';
import { type ApiGatewayHttpEvent, fromApiGatewayEvent, type HttpResponse, problem } from '../intake/http.js';
import { routeIntake } from '../intake/intake-router.js';
import type { SubmitOrderDeps } from '../intake/submit-order.js';
import {
  IDEMPOTENCY_TABLE_ENV,
  ORDERS_TABLE_ENV,
  requiredSetting,
  STATE_MACHINE_ARN_ENV,
  VAULT_TABLE_ENV,
} from '../runtime/config.js';
import { withInvocationLogging } from '../runtime/invocation.js';
import { createLogger, type Logger } from '../runtime/logger.js';

/**
 * Build the intake API's handler (API Gateway HTTP API, payload 2.0): `POST /orders` and `GET /orders/{id}`.
 * A failure that is not the client's answers 500 with a message to retry with the same Idempotency-Key (the
 * error itself is in the log, card data masked).
 */
export function createIntakeApiHandler(deps: SubmitOrderDeps & { readonly logger: Logger }) {
  return withInvocationLogging<HttpResponse>(
    { logger: deps.logger, summary: (r) => ({ statusCode: r.statusCode }) },
    async ({ event, log }) => {
      try {
        return await routeIntake(fromApiGatewayEvent((event ?? {}) as ApiGatewayHttpEvent), deps);
      } catch (error) {
        log.error('request failed', { error });
        return problem(
          500,
          'InternalError',
          'the request could not be completed; retry it (with the same Idempotency-Key)',
        );
      }
    },
  );
}

// Created once per Lambda instance; the endpoint comes from the standard SDK env (AWS_ENDPOINT_URL).
const dynamodb = new DynamoDBClient({});

/** The Lambda entry point (`index.handler`). */
export const handler = createIntakeApiHandler({
  tokenizer: new SimulatedPaymentProvider({
    vault: dynamoDbCardVault(dynamodb, () => requiredSetting(VAULT_TABLE_ENV)),
  }),
  workflow: sfnWorkflowStarter(new SFNClient({}), () => requiredSetting(STATE_MACHINE_ARN_ENV)),
  orders: dynamoDbOrderReader(dynamodb, () => requiredSetting(ORDERS_TABLE_ENV)),
  idempotency: dynamoDbIdempotencyStore(dynamodb, () => requiredSetting(IDEMPOTENCY_TABLE_ENV)),
  logger: createLogger({ service: 'intake-api' }),
});
