import { parseOrderInput, type VerifyPaymentResult } from '@orders/shared-types';
import { PaymentDetailsRejectedError } from '../domain/payment-details-rejected-error.js';
import { verifyPaymentDetails } from '../domain/verify-payment-details.js';
import { type Clock, SYSTEM_CLOCK } from '../runtime/clock.js';
import { withInvocationLogging } from '../runtime/invocation.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { createSimulation, type Simulation, simulationConfigFromEnv } from '../runtime/simulation.js';

export interface VerifyPaymentDeps {
  readonly clock: Clock;
  readonly simulation: Simulation;
  readonly logger: Logger;
}

/**
 * Build the verify-payment handler: validate the whole order, then verify its payment details. Details
 * that do not verify throw PaymentDetailsRejected with the reason (no card digits in it).
 */
export function createVerifyPaymentHandler(deps: VerifyPaymentDeps) {
  return withInvocationLogging<VerifyPaymentResult>(
    {
      logger: deps.logger,
      summary: (r) => ({ paymentVerified: r.paymentVerified, cardType: r.cardType, cardLast4: r.cardLast4 }),
    },
    async ({ event }) => {
      const order = parseOrderInput(event);
      const verdict = verifyPaymentDetails(order.paymentDetails, deps.clock.now());
      if (!verdict.paymentVerified) throw new PaymentDetailsRejectedError(verdict.reason, verdict);
      if (deps.simulation.rejectPayment()) {
        throw new PaymentDetailsRejectedError('rejected by the simulation', verdict);
      }
      return { paymentVerified: true, cardType: verdict.cardType, cardLast4: verdict.cardLast4 };
    },
  );
}

/** The Lambda entry point (`index.handler`). */
export const handler = createVerifyPaymentHandler({
  clock: SYSTEM_CLOCK,
  simulation: createSimulation(simulationConfigFromEnv(), 'verify-payment'),
  logger: createLogger({ service: 'verify-payment' }),
});
