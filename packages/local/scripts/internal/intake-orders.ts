import { type IntakeClient, intakeClient, type SubmitOptions } from '@orders/shared-types';
import type { LocalStackOutputs } from '../../src/index.js';

/** The intake API did not accept an order (an answer that retrying does not change, or retries ran out). */
export class OrderNotAcceptedError extends Error {
  override readonly name = 'OrderNotAcceptedError';
}

/** The intake API of a local stack (`outputs.intakeApiUrl`): every script submits its orders through it. */
export function localIntake(outputs: LocalStackOutputs): IntakeClient {
  if (outputs.intakeApiUrl === undefined)
    throw new Error('the local stack has no intakeApiUrl output: it does not serve the intake API');
  return intakeClient(outputs.intakeApiUrl);
}

export interface SubmitAcceptedOptions extends SubmitOptions {
  /**
   * How long to go on retrying what a client retries (429, a 409 still in flight, 5xx, a refused connection),
   * in ms; 0 (the default) tries once. Give an `idempotencyKey` with it, so a retry cannot start a second order.
   */
  readonly retryForMs?: number;
}

/** The order id of an order body (undefined when it names none). */
function orderIdOf(order: unknown): string | undefined {
  const id = (order as { orderId?: unknown } | null)?.orderId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * `POST /orders` and insist on 202; answers the order id the API accepted (the execution's name). With
 * `retryForMs`, what a client retries is retried (after Retry-After, else 200 ms) until then; a retry told
 * `OrderAlreadySubmitted` for the order's own id counts as accepted (an earlier try started it, then failed
 * before it could answer). Anything else throws, naming the status and the API's own message.
 */
export async function submitAccepted(
  intake: IntakeClient,
  order: unknown,
  options: SubmitAcceptedOptions = {},
): Promise<string> {
  const { retryForMs = 0, ...submitOptions } = options;
  const deadline = Date.now() + retryForMs;
  for (let attempt = 1; ; attempt++) {
    let why: string;
    let waitMs = 200;
    try {
      const answer = await intake.submit(order, submitOptions);
      if (answer.status === 202 && 'orderId' in answer.body) return answer.body.orderId;
      const error = 'error' in answer.body ? answer.body.error : undefined;
      const ownId = orderIdOf(order);
      if (attempt > 1 && error === 'OrderAlreadySubmitted' && ownId !== undefined) return ownId;
      why = `POST /orders answered ${answer.status}: ${answer.text.slice(0, 300)}`;
      const retryable = answer.status === 429 || answer.status >= 500 || error === 'RequestInFlight';
      if (!retryable || Date.now() >= deadline) throw new OrderNotAcceptedError(why);
      const seconds = Number(answer.retryAfter);
      if (Number.isFinite(seconds) && seconds > 0) waitMs = seconds * 1000;
    } catch (error) {
      if (error instanceof OrderNotAcceptedError) throw error;
      // fetch failed: the connection was refused or dropped.
      why = `POST /orders failed: ${(error as Error).message}`;
      if (Date.now() >= deadline) throw new OrderNotAcceptedError(why, { cause: error });
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
