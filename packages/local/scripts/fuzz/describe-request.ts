import { redactCardNumbers } from '@orders/shared-types';
import type { FuzzRequest } from './request-arbitrary.js';

/** How much of a counterexample's body is printed. */
const PREVIEW = 600;

/**
 * A counterexample as a person reads it (and a test could be written from): its headers and its body, the
 * body shortened, bytes in hex, card numbers masked (the output is a log like any other).
 */
export function describeRequest(request: FuzzRequest): string {
  const { body } = request;
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const shown =
    typeof body === 'string'
      ? JSON.stringify(redactCardNumbers(body.length > PREVIEW ? `${body.slice(0, PREVIEW)}…` : body))
      : `hex ${Buffer.from(body.subarray(0, PREVIEW / 2)).toString('hex')}${body.length > PREVIEW / 2 ? '…' : ''}`;
  return [
    `  generator       ${request.generator}`,
    `  content-type    ${request.contentType === undefined ? '(none)' : JSON.stringify(request.contentType)}`,
    `  Idempotency-Key ${request.idempotencyKey === undefined ? '(none)' : JSON.stringify(redactCardNumbers(request.idempotencyKey))}`,
    `  body            ${length} bytes: ${shown}`,
  ].join('\n');
}
