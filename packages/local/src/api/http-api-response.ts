/**
 * The HTTP answer an API Gateway HTTP API makes of a Lambda proxy integration's result (payload format
 * 2.0): the function's `statusCode`, `headers`, `cookies` and `body` (base64-decoded when
 * `isBase64Encoded`); a result without `statusCode` is a 200 `application/json` whose body is the result;
 * a function error, or a result API Gateway cannot read, is its 500.
 */
import type { InvocationOutcome } from '../lambda/function-runtime.js';

/** What the server writes back. `set-cookie` may repeat, so its values are a list. */
export interface ApiAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
}

/** API Gateway's own answers, when the integration gives it nothing to pass on. */
export const API_GATEWAY_ANSWERS = {
  notFound: { statusCode: 404, message: 'Not Found' },
  internalError: { statusCode: 500, message: 'Internal Server Error' },
  serviceUnavailable: { statusCode: 503, message: 'Service Unavailable' },
} as const;

/** One of API Gateway's own JSON answers (`{"message":"Not Found"}`). */
export function apiGatewayAnswer(which: keyof typeof API_GATEWAY_ANSWERS): ApiAnswer {
  const { statusCode, message } = API_GATEWAY_ANSWERS[which];
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ message })),
  };
}

/** The answer for one invocation's outcome. */
export function httpApiAnswer(outcome: InvocationOutcome): ApiAnswer {
  if (!outcome.ok) return apiGatewayAnswer('internalError');
  const result = outcome.payload;
  if (!isRecord(result) || !('statusCode' in result)) {
    // API Gateway infers the response: the result itself is the body (a string as it is, anything else as JSON).
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  return proxyAnswer(result) ?? apiGatewayAnswer('internalError');
}

/** A `{ statusCode, headers, cookies, body, isBase64Encoded }` result, or undefined when it is malformed. */
function proxyAnswer(result: Record<string, unknown>): ApiAnswer | undefined {
  const { statusCode, headers = {}, cookies = [], body = '', isBase64Encoded = false } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    return undefined;
  if (!isRecord(headers) || !Array.isArray(cookies) || typeof isBase64Encoded !== 'boolean') return undefined;
  if (typeof body !== 'string') return undefined;
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'object') return undefined;
    out[name.toLowerCase()] = String(value);
  }
  if (cookies.length > 0) out['set-cookie'] = cookies.map(String);
  return {
    statusCode,
    headers: out,
    body: isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
