import { type ChargePaymentResult, parseChargePaymentEvent } from '@orders/shared-types';
import { chargeOrder } from '../domain/charge-order.js';
import type { PaymentProvider } from '../domain/payment-provider.js';
import { SimulatedPaymentProvider } from '../domain/simulated-payment-provider.js';
import { withInvocationLogging } from '../runtime/invocation.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { createSimulation, simulationConfigFromEnv } from '../runtime/simulation.js';

export interface ChargePaymentDeps {
  readonly provider: PaymentProvider;
  readonly logger: Logger;
}

/** Build the charge-payment handler: charge the order total once per order id; a decline throws PaymentError. */
export function createChargePaymentHandler(deps: ChargePaymentDeps) {
  return withInvocationLogging<ChargePaymentResult>(
    { logger: deps.logger, summary: (r) => ({ paymentResult: r.paymentResult, chargeId: r.chargeId }) },
    async ({ event, log }) => {
      const order = parseChargePaymentEvent(event);
      const { receipt, ...result } = await chargeOrder(order, deps.provider);
      if (receipt.replayed)
        log.info('charge replayed for an order already charged', { chargeId: receipt.chargeId });
      return result;
    },
  );
}

const simulation = createSimulation(simulationConfigFromEnv(), 'charge-payment');

/** The Lambda entry point (`index.handler`). */
export const handler = createChargePaymentHandler({
  provider: new SimulatedPaymentProvider({ randomDecline: simulation.declineCharge }),
  logger: createLogger({ service: 'charge-payment' }),
});
