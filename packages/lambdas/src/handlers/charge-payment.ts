import { type ChargePaymentResult, parseChargePaymentEvent } from '@orders/shared-types';
import { chargeOrder } from '../domain/charge-order.js';
import type { PaymentProvider } from '../domain/payment-provider.js';
import { SimulatedPaymentProvider } from '../domain/simulated-payment-provider.js';
import type { LambdaContext } from '../runtime/lambda-context.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { runHandler } from '../runtime/run-handler.js';
import { createSimulation, simulationConfigFromEnv } from '../runtime/simulation.js';

export interface ChargePaymentDeps {
  readonly provider: PaymentProvider;
  readonly logger: Logger;
}

/** Build the charge-payment handler: charge the order total once per order id; a decline throws PaymentError. */
export function createChargePaymentHandler(deps: ChargePaymentDeps) {
  return (event: unknown, context?: LambdaContext): Promise<ChargePaymentResult> =>
    runHandler(
      deps.logger,
      event,
      context,
      async (log) => {
        const order = parseChargePaymentEvent(event);
        const { receipt, ...result } = await chargeOrder(order, deps.provider);
        if (receipt.replayed)
          log.info('charge replayed for an order already charged', { chargeId: receipt.chargeId });
        return result;
      },
      (r) => ({ paymentResult: r.paymentResult, chargeId: r.chargeId }),
    );
}

const simulation = createSimulation(simulationConfigFromEnv(), 'charge-payment');

/** The Lambda entry point (`index.handler`). */
export const handler = createChargePaymentHandler({
  provider: new SimulatedPaymentProvider({ randomDecline: simulation.declineCharge }),
  logger: createLogger({ service: 'charge-payment' }),
});
