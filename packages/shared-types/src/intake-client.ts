/**
 * A small client of the intake API (`POST /orders`, `GET /orders/{id}`) for every tool that submits orders:
 * the local demo and scripts, the e2e suite (both targets) and the console. It uses the platform's `fetch`,
 * so it runs in Node.js and in the browser, and it never throws on an HTTP status: callers read `status`.
 */
import type { IntakeError, OrderAccepted, OrderStatus, OrderSubmitted } from './intake.js';
import type { OrderInputJson } from './order-input-schema.js';

/** One answer of the API: the status, the headers that matter, and the parsed JSON body. */
export interface IntakeAnswer<T> {
  readonly status: number;
  /** The `Location` header of a 202 (`/orders/{id}`). */
  readonly location?: string;
  /** The `Retry-After` header of a 409 or 429, in seconds. */
  readonly retryAfter?: string;
  /** The JSON body; `IntakeError` for a status other than 2xx. */
  readonly body: T | IntakeError;
  /** The body exactly as received (identical answers compare equal as text). */
  readonly text: string;
}

export interface SubmitOptions {
  /** Sent as the `Idempotency-Key` header. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

/** The intake API at `baseUrl` (the stack output `intakeApiUrl`). */
export interface IntakeClient {
  readonly baseUrl: string;
  /** `POST /orders` with the order (the original's shape, plus an optional `orderId`). */
  submit(order: OrderInputJson | unknown, options?: SubmitOptions): Promise<IntakeAnswer<OrderAccepted>>;
  /**
   * `GET /orders/{id}`: the order's state, the card as type and last four only (`SUBMITTED` while the workflow
   * has not claimed it yet); 404 for an unknown id.
   */
  status(
    orderId: string,
    options?: { signal?: AbortSignal },
  ): Promise<IntakeAnswer<OrderStatus | OrderSubmitted>>;
}

/** A client for the API at `baseUrl` (trailing slashes are ignored). */
export function intakeClient(baseUrl: string, fetchImpl: typeof fetch = globalThis.fetch): IntakeClient {
  const root = baseUrl.replace(/\/+$/, '');
  return {
    baseUrl: root,
    async submit(order, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
      const response = await fetchImpl(`${root}/orders`, {
        method: 'POST',
        headers,
        body: JSON.stringify(order),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      return answerOf<OrderAccepted>(response);
    },
    async status(orderId, options = {}) {
      const response = await fetchImpl(`${root}/orders/${encodeURIComponent(orderId)}`, {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      return answerOf<OrderStatus | OrderSubmitted>(response);
    },
  };
}

async function answerOf<T>(response: Response): Promise<IntakeAnswer<T>> {
  const text = await response.text();
  let body: T | IntakeError;
  try {
    body = JSON.parse(text) as T | IntakeError;
  } catch {
    body = { error: 'NotJson', message: `the API answered ${response.status} with a body that is not JSON` };
  }
  const location = response.headers.get('location');
  const retryAfter = response.headers.get('retry-after');
  return {
    status: response.status,
    ...(location === null ? {} : { location }),
    ...(retryAfter === null ? {} : { retryAfter }),
    body,
    text,
  };
}
