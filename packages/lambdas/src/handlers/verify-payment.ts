import { parseOrderInput, type VerifyPaymentResult } from '@orders/shared-types';
import { verifyPaymentDetails } from '../domain/verify-payment-details.js';
import { type Clock, SYSTEM_CLOCK } from '../runtime/clock.js';
import type { LambdaContext } from '../runtime/lambda-context.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { runHandler } from '../runtime/run-handler.js';
import { createSimulation, type Simulation, simulationConfigFromEnv } from '../runtime/simulation.js';

export interface VerifyPaymentDeps {
  readonly clock: Clock;
  readonly simulation: Simulation;
  readonly logger: Logger;
}

/** Build the verify-payment handler: validate the whole order, then verify its payment details. */
export function createVerifyPaymentHandler(deps: VerifyPaymentDeps) {
  return (event: unknown, context?: LambdaContext): Promise<VerifyPaymentResult> =>
    runHandler(
      deps.logger,
      event,
      context,
      async () => {
        const order = parseOrderInput(event);
        const result = verifyPaymentDetails(order.paymentDetails, deps.clock.now());
        if (result.paymentVerified && deps.simulation.rejectPayment()) {
          return { ...result, paymentVerified: false, reason: 'payment details rejected by the simulation' };
        }
        return result;
      },
      (r) => ({
        paymentVerified: r.paymentVerified,
        reason: r.reason,
        cardType: r.cardType,
        cardLast4: r.cardLast4,
      }),
    );
}

/** The Lambda entry point (`index.handler`). */
export const handler = createVerifyPaymentHandler({
  clock: SYSTEM_CLOCK,
  simulation: createSimulation(simulationConfigFromEnv(), 'verify-payment'),
  logger: createLogger({ service: 'verify-payment' }),
});
