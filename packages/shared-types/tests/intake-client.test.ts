import { describe, expect, it } from 'vitest';
import { intakeClient } from '../src/index.js';

function recordingFetch(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(body, { status, headers });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe('intakeClient', () => {
  it('posts the order as JSON with the idempotency key, and reads Location', async () => {
    const { calls, fetchImpl } = recordingFetch(
      202,
      '{"orderId":"o-1","state":"SUBMITTED","location":"/orders/o-1"}',
      {
        location: '/orders/o-1',
      },
    );
    const answer = await intakeClient('http://127.0.0.1:1/', fetchImpl).submit(
      { a: 1 },
      { idempotencyKey: 'k-1' },
    );
    expect(calls[0]?.url).toBe('http://127.0.0.1:1/orders');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.headers).toEqual({ 'content-type': 'application/json', 'idempotency-key': 'k-1' });
    expect(calls[0]?.init?.body).toBe('{"a":1}');
    expect(answer).toMatchObject({ status: 202, location: '/orders/o-1', body: { orderId: 'o-1' } });
  });

  it('answers a status it does not like instead of throwing, and a body that is not JSON as NotJson', async () => {
    const { calls, fetchImpl } = recordingFetch(502, 'Bad Gateway', { 'retry-after': '1' });
    const answer = await intakeClient('http://127.0.0.1:1', fetchImpl).status('a/b');
    expect(calls[0]?.url).toBe('http://127.0.0.1:1/orders/a%2Fb');
    expect(answer).toMatchObject({
      status: 502,
      retryAfter: '1',
      text: 'Bad Gateway',
      body: { error: 'NotJson' },
    });
  });
});
