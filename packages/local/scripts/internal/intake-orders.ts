import { type IntakeClient, intakeClient, type SubmitOptions } from '@orders/shared-types';
import type { LocalStackOutputs } from '../../src/index.js';

/** The intake API did not accept an order (any answer but 202). */
export class OrderNotAcceptedError extends Error {
  override readonly name = 'OrderNotAcceptedError';
}

/** The intake API of a local stack (`outputs.intakeApiUrl`): every script submits its orders through it. */
export function localIntake(outputs: LocalStackOutputs): IntakeClient {
  if (outputs.intakeApiUrl === undefined)
    throw new Error('the local stack has no intakeApiUrl output: it does not serve the intake API');
  return intakeClient(outputs.intakeApiUrl);
}

/**
 * `POST /orders` and insist on 202; answers the order id the API accepted (the execution's name). Anything
 * else throws, naming the status and the API's own message.
 */
export async function submitAccepted(
  intake: IntakeClient,
  order: unknown,
  options: SubmitOptions = {},
): Promise<string> {
  const answer = await intake.submit(order, options);
  if (answer.status === 202 && 'orderId' in answer.body) return answer.body.orderId;
  throw new OrderNotAcceptedError(`POST /orders answered ${answer.status}: ${answer.text.slice(0, 300)}`);
}
