import type { SFNClient } from '@aws-sdk/client-sfn';
import {
  executionArnOf,
  type IntakeAnswer,
  type IntakeClient,
  type OrderAccepted,
} from '@orders/shared-types';
import { type FinishedExecution, finishedExecution } from './run-order.js';
import type { WaitOptions } from './wait-for-execution.js';

/** `POST /orders` did not answer 202 with an order id. */
export class OrderNotAcceptedError extends Error {
  override readonly name = 'OrderNotAcceptedError';
  constructor(readonly answer: IntakeAnswer<unknown>) {
    // The API's error answers mask card values; the body is quoted so the reason is in the test's report.
    super(`POST /orders answered ${answer.status}, expected 202: ${answer.text}`);
  }
}

/** An order the intake API accepted, and the execution it started, finished. */
export interface SubmittedOrder extends FinishedExecution {
  readonly orderId: string;
  /** The API's 202 answer. */
  readonly accepted: IntakeAnswer<OrderAccepted>;
}

export interface SubmitOrderOptions {
  /** Sent as the `Idempotency-Key` header. */
  readonly idempotencyKey?: string;
  readonly wait?: WaitOptions;
}

/**
 * Submit `order` as a client does (`POST /orders`), then wait for the execution the API started: it is named
 * by the order id the API answered with, so it is found without listing executions.
 */
export async function submitOrder(
  intake: IntakeClient,
  sfn: SFNClient,
  stateMachineArn: string,
  order: unknown,
  options: SubmitOrderOptions = {},
): Promise<SubmittedOrder> {
  const accepted = await intake.submit(
    order,
    options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey },
  );
  const orderId = acceptedOrderId(accepted);
  if (orderId === undefined) throw new OrderNotAcceptedError(accepted);
  const execution = await finishedExecution(
    sfn,
    executionArnOf(stateMachineArn, orderId),
    orderId,
    options.wait,
  );
  return { ...execution, orderId, accepted: accepted as IntakeAnswer<OrderAccepted> };
}

/** The order id of a 202 answer, or undefined for any other answer. */
export function acceptedOrderId(answer: IntakeAnswer<unknown>): string | undefined {
  if (answer.status !== 202) return undefined;
  const { orderId } = answer.body as Partial<OrderAccepted>;
  return typeof orderId === 'string' && orderId !== '' ? orderId : undefined;
}
