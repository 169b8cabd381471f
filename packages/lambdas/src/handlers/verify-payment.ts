import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseTokenizedOrder, type TokenizedOrder, type VerifyPaymentResult } from '@orders/shared-types';
import { dynamoDbCardVault } from '../adapters/dynamodb-card-vault.js';
import { PaymentDetailsRejectedError } from '../domain/payment-details-rejected-error.js';
import type { CardVerifier } from '../domain/payment-provider.js';
import { SimulatedPaymentProvider } from '../domain/simulated-payment-provider.js';
import type { PaymentDetailsVerdict } from '../domain/verify-payment-details.js';
import { type Clock, SYSTEM_CLOCK } from '../runtime/clock.js';
import { requiredSetting, VAULT_TABLE_ENV } from '../runtime/config.js';
import { withInvocationLogging } from '../runtime/invocation.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import { createSimulation, type Simulation, simulationConfigFromEnv } from '../runtime/simulation.js';

export interface VerifyPaymentDeps {
  /** The payment provider's check of a token's card. */
  readonly verifier: CardVerifier;
  readonly clock: Clock;
  readonly simulation: Simulation;
  readonly logger: Logger;
}

/**
 * Build the verify-payment handler: validate the whole card-free order, then ask the provider about its token:
 * the token must exist, its card verify (holder name, Luhn, brand, expiry) and be the brand and last four
 * digits the order says. Anything else throws PaymentDetailsRejected with the reason (no card digits in it).
 */
export function createVerifyPaymentHandler(deps: VerifyPaymentDeps) {
  return withInvocationLogging<VerifyPaymentResult>(
    {
      logger: deps.logger,
      summary: (r) => ({ paymentVerified: r.paymentVerified, cardType: r.cardType, cardLast4: r.cardLast4 }),
    },
    async ({ event }) => {
      const { payment } = parseTokenizedOrder(event);
      const verdict = await deps.verifier.verify(payment.token, deps.clock.now());
      const reason = rejectionOf(payment, verdict);
      if (reason !== undefined) throw new PaymentDetailsRejectedError(reason, payment);
      if (deps.simulation.rejectPayment()) {
        throw new PaymentDetailsRejectedError('rejected by the simulation', payment);
      }
      return { paymentVerified: true, cardType: payment.cardType, cardLast4: payment.cardLast4 };
    },
  );
}

/** Why the token's card cannot be charged for this order, or undefined when it can. */
function rejectionOf(
  payment: TokenizedOrder['payment'],
  verdict: PaymentDetailsVerdict | undefined,
): string | undefined {
  if (verdict === undefined) return 'card token is unknown to the payment provider';
  const reasons = verdict.paymentVerified ? [] : [verdict.reason];
  if (verdict.cardType !== payment.cardType)
    reasons.push(`card token is for a ${verdict.cardType} card, not ${payment.cardType}`);
  if (verdict.cardLast4 !== payment.cardLast4)
    reasons.push(`card token's last four digits are not ${payment.cardLast4}`);
  return reasons.length === 0 ? undefined : reasons.join('; ');
}

/** The Lambda entry point (`index.handler`). */
export const handler = createVerifyPaymentHandler({
  // Created once per Lambda instance; the endpoint comes from the standard SDK env (AWS_ENDPOINT_URL).
  verifier: new SimulatedPaymentProvider({
    vault: dynamoDbCardVault(new DynamoDBClient({}), () => requiredSetting(VAULT_TABLE_ENV)),
  }),
  clock: SYSTEM_CLOCK,
  simulation: createSimulation(simulationConfigFromEnv(), 'verify-payment'),
  logger: createLogger({ service: 'verify-payment' }),
});
