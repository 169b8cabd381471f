import { intakeClient } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { OrderNotAcceptedError, submitAccepted } from '../../scripts/internal/intake-orders.js';

/** A fetch that answers each call with the next of `answers` (an Error is a failed connection). */
function scripted(
  answers: Array<{ status: number; body: object; headers?: Record<string, string> } | Error>,
) {
  const calls: RequestInit[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    calls.push(init);
    const next = answers.shift();
    if (next === undefined) throw new Error('no more answers scripted');
    if (next instanceof Error) throw next;
    return new Response(JSON.stringify(next.body), { status: next.status, headers: next.headers ?? {} });
  }) as typeof fetch;
  return { intake: intakeClient('http://api.invalid', fetchImpl), calls };
}

const ACCEPTED = { status: 202, body: { orderId: 'o-1', state: 'SUBMITTED', location: '/orders/o-1' } };
const ORDER = { orderId: 'o-1' };

describe('submitAccepted', () => {
  it('answers the accepted order id, sending the key', async () => {
    const { intake, calls } = scripted([ACCEPTED]);
    expect(await submitAccepted(intake, ORDER, { idempotencyKey: 'k' })).toBe('o-1');
    expect(calls[0]?.headers).toMatchObject({ 'idempotency-key': 'k' });
  });

  it('throws on the first refusal without retries, naming the status and the message', async () => {
    const { intake } = scripted([{ status: 503, body: { error: 'ServiceUnavailable', message: 'down' } }]);
    await expect(submitAccepted(intake, ORDER)).rejects.toThrow(
      new OrderNotAcceptedError('POST /orders answered 503: {"error":"ServiceUnavailable","message":"down"}'),
    );
  });

  it('retries a 5xx, a 429, a request in flight and a failed connection within retryForMs', async () => {
    const { intake, calls } = scripted([
      { status: 500, body: { error: 'InternalError', message: 'x' } },
      { status: 429, body: { error: 'TooManyRequests', message: 'x' }, headers: { 'retry-after': '0.01' } },
      { status: 409, body: { error: 'RequestInFlight', message: 'x' }, headers: { 'retry-after': '0.01' } },
      new TypeError('fetch failed'),
      ACCEPTED,
    ]);
    expect(await submitAccepted(intake, ORDER, { idempotencyKey: 'k', retryForMs: 30_000 })).toBe('o-1');
    expect(calls).toHaveLength(5);
  });

  it('takes OrderAlreadySubmitted on a retry as accepted (an earlier try started it), not on the first try', async () => {
    const already = {
      status: 409,
      body: { error: 'OrderAlreadySubmitted', message: 'orderId: o-1 was already submitted' },
    };
    const retried = scripted([{ status: 502, body: { error: 'BadGateway', message: 'x' } }, already]);
    expect(await submitAccepted(retried.intake, ORDER, { retryForMs: 30_000 })).toBe('o-1');
    const first = scripted([already]);
    await expect(submitAccepted(first.intake, ORDER, { retryForMs: 30_000 })).rejects.toThrow(/answered 409/);
  });

  it('never retries a 400', async () => {
    const { intake, calls } = scripted([
      { status: 400, body: { error: 'InvalidOrder', message: 'm' } },
      ACCEPTED,
    ]);
    await expect(submitAccepted(intake, ORDER, { retryForMs: 30_000 })).rejects.toThrow(/answered 400/);
    expect(calls).toHaveLength(1);
  });
});
