import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ChargePaymentResult, parseChargePaymentEvent } from '@orders/shared-types';
import { dynamoDbCardVault } from '../adapters/dynamodb-card-vault.js';
import { dynamoDbChargeLedger } from '../adapters/dynamodb-charge-ledger.js';
import type { ChargeLedger } from '../domain/charge-ledger.js';
import { chargeOrder } from '../domain/charge-order.js';
import { PaymentError } from '../domain/payment-error.js';
import type { PaymentProvider } from '../domain/payment-provider.js';
import { SimulatedPaymentProvider } from '../domain/simulated-payment-provider.js';
import { type Clock, SYSTEM_CLOCK } from '../runtime/clock.js';
import { ORDERS_TABLE_ENV, requiredSetting, VAULT_TABLE_ENV } from '../runtime/config.js';
import { withInvocationLogging } from '../runtime/invocation.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { createSimulation, simulationConfigFromEnv } from '../runtime/simulation.js';

export interface ChargePaymentDeps {
  readonly provider: PaymentProvider;
  /** Marks the order row before the provider is called. */
  readonly ledger: ChargeLedger;
  readonly clock?: Clock;
  readonly logger: Logger;
}

/** Build the charge-payment handler: charge the order total to its token once per order id; a decline throws PaymentError. */
export function createChargePaymentHandler(deps: ChargePaymentDeps) {
  return withInvocationLogging<ChargePaymentResult>(
    { logger: deps.logger, summary: (r) => ({ paymentResult: r.paymentResult, chargeId: r.chargeId }) },
    async ({ event, log }) => {
      const order = parseChargePaymentEvent(event);
      const now = () => new Date((deps.clock ?? SYSTEM_CLOCK).now()).toISOString();
      await deps.ledger.markRequested(order.orderId, now());
      const { receipt, ...result } = await chargeOrder(order, deps.provider).catch(async (error: unknown) => {
        // A decline is an answer: not charged, so the sweeper may give a held reservation back.
        if (error instanceof PaymentError) await deps.ledger.markDeclined(order.orderId, now());
        throw error;
      });
      if (receipt.replayed)
        log.info('charge replayed for an order already charged', { chargeId: receipt.chargeId });
      return result;
    },
  );
}

const simulation = createSimulation(simulationConfigFromEnv(), 'charge-payment');
// Created once per Lambda instance; the endpoint comes from the standard SDK env (AWS_ENDPOINT_URL).
const dynamodb = new DynamoDBClient({});

/** The Lambda entry point (`index.handler`). */
export const handler = createChargePaymentHandler({
  provider: new SimulatedPaymentProvider({
    randomDecline: simulation.declineCharge,
    vault: dynamoDbCardVault(dynamodb, () => requiredSetting(VAULT_TABLE_ENV)),
  }),
  ledger: dynamoDbChargeLedger(dynamodb, () => requiredSetting(ORDERS_TABLE_ENV)),
  logger: createLogger({ service: 'charge-payment' }),
});
