import {
  InvalidOrderError,
  type OrderAccepted,
  type OrderInput,
  parseOrderInput,
} from '@orders/shared-types';
import { lettersFrom, randomLetters } from '../domain/letter-ids.js';
import type { CardTokenizer } from '../domain/payment-provider.js';
import { tokenizeOrder } from '../domain/tokenize-order.js';
import { type HttpRequest, type HttpResponse, json, problem } from './http.js';
import { fingerprintOf, type IdempotencyStore, keyProblem } from './idempotency.js';
import type { OrderReader, WorkflowStarter } from './ports.js';
import { MAX_WORKFLOW_INPUT_BYTES, workflowInputBytes } from './workflow-input-size.js';

export interface SubmitOrderDeps {
  readonly tokenizer: CardTokenizer;
  readonly workflow: WorkflowStarter;
  readonly orders: OrderReader;
  readonly idempotency: IdempotencyStore;
  readonly now?: () => number;
  /** How long a request waits for an earlier one with its key to finish before answering 409. Default 3 s. */
  readonly inFlightWaitMs?: number;
}

/** The largest body accepted (an order of 1000 lines fits well within it). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * `POST /orders`: validate the order, tokenize its card, start the workflow with the card-free order (execution
 * name = order id) and answer 202 with its Location; an order too large to be the workflow's input is 413. With an `Idempotency-Key`, the same key and body always
 * get the first answer, another body 422, and a request that finds the first still running waits for it
 * briefly, then 409.
 */
export async function submitOrder(request: HttpRequest, deps: SubmitOrderDeps): Promise<HttpResponse> {
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !/^application\/json\b/i.test(contentType)) {
    return problem(
      415,
      'UnsupportedMediaType',
      `content-type: expected application/json (got ${contentType})`,
    );
  }
  if (request.body !== undefined && Buffer.byteLength(request.body) > MAX_BODY_BYTES) {
    return problem(413, 'PayloadTooLarge', `body: expected at most ${MAX_BODY_BYTES} bytes`);
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body ?? '');
  } catch {
    return problem(400, 'InvalidRequest', 'body: expected a JSON object (the order)');
  }
  let order: OrderInput;
  try {
    order = parseOrderInput(body);
  } catch (error) {
    if (!(error instanceof InvalidOrderError)) throw error;
    // The issues name each field and rule; card values in them are masked by the schema's formatter.
    return problem(400, 'InvalidOrder', error.message, { issues: error.issues });
  }
  const key = request.headers['idempotency-key'];
  if (key === undefined) return accept(order, undefined, deps);
  const wrongKey = keyProblem(key);
  if (wrongKey !== undefined) return problem(400, 'InvalidRequest', `Idempotency-Key: ${wrongKey}`);
  return withKey(key, fingerprintOf(body), deps, () => accept(order, key, deps));
}

async function withKey(
  key: string,
  fingerprint: string,
  deps: SubmitOrderDeps,
  answer: () => Promise<HttpResponse>,
): Promise<HttpResponse> {
  const now = deps.now ?? Date.now;
  const waitUntil = now() + (deps.inFlightWaitMs ?? 3000);
  for (;;) {
    const claim = await deps.idempotency.claim(key, fingerprint, now());
    if (claim.kind === 'completed') return claim.response;
    if (claim.kind === 'mismatch') {
      return problem(
        422,
        'IdempotencyKeyReused',
        'Idempotency-Key: already used for a request with another body',
      );
    }
    if (claim.kind === 'claimed') break;
    if (now() >= waitUntil) {
      return problem(
        409,
        'RequestInFlight',
        'Idempotency-Key: a request with this key is still being processed',
        {
          headers: { 'retry-after': '1' },
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let response: HttpResponse;
  try {
    response = await answer();
  } catch (error) {
    await deps.idempotency.release(key, fingerprint).catch(() => undefined);
    throw error;
  }
  await deps.idempotency.complete(key, fingerprint, response);
  return response;
}

async function accept(
  order: OrderInput,
  key: string | undefined,
  deps: SubmitOrderDeps,
): Promise<HttpResponse> {
  const orderId = order.orderId ?? (key === undefined ? `ord_${randomLetters()}` : orderIdForKey(key));
  const location = `/orders/${encodeURIComponent(orderId)}`;
  const inputBytes = workflowInputBytes(order, orderId);
  if (inputBytes > MAX_WORKFLOW_INPUT_BYTES) {
    return problem(
      413,
      'OrderTooLarge',
      `orderContents.items: the order takes ${inputBytes} bytes as the workflow's input, expected at most ${MAX_WORKFLOW_INPUT_BYTES} (fewer lines or shorter descriptions)`,
    );
  }
  const tokenized = await tokenizeOrder(order, orderId, deps.tokenizer);
  if ((await deps.workflow.start(tokenized)) === 'exists') {
    return problem(
      409,
      'OrderAlreadySubmitted',
      `orderId: ${orderId} was already submitted (GET ${location})`,
      {
        headers: { location },
      },
    );
  }
  const accepted: OrderAccepted = {
    orderId,
    state: (await deps.orders.get(orderId))?.State ?? 'SUBMITTED',
    location,
  };
  return json(202, accepted, { location });
}

/** The order id a key stands for when the body names none: the same key always gives the same order. */
function orderIdForKey(key: string): string {
  return `ord_${lettersFrom(key)}`;
}
