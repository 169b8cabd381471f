import { describe, expect, it } from 'vitest';
import { httpApiAnswer } from '../../src/api/http-api-response.js';

const ok = (payload: unknown) => ({ ok: true as const, payload, requestId: 'r', coldStart: false });
const text = (answer: { body: Buffer }) => answer.body.toString('utf8');

describe('httpApiAnswer (what API Gateway makes of a payload 2.0 result)', () => {
  it('passes a proxy result on: status, headers (names lower-cased), body', () => {
    const answer = httpApiAnswer(
      ok({
        statusCode: 202,
        headers: { 'Content-Type': 'application/json', Location: '/orders/o' },
        body: '{"a":1}',
      }),
    );
    expect({ ...answer, body: text(answer) }).toEqual({
      statusCode: 202,
      headers: { 'content-type': 'application/json', location: '/orders/o' },
      body: '{"a":1}',
    });
  });

  it('decodes a base64 body and turns cookies into set-cookie headers', () => {
    const answer = httpApiAnswer(
      ok({
        statusCode: 200,
        body: Buffer.from([1, 2, 255]).toString('base64'),
        isBase64Encoded: true,
        cookies: ['a=1', 'b=2'],
      }),
    );
    expect(answer.body).toEqual(Buffer.from([1, 2, 255]));
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('answers a result without statusCode 200 application/json with the result as the body', () => {
    const object = httpApiAnswer(ok({ orderId: 'o' }));
    expect([object.statusCode, object.headers, text(object)]).toEqual([
      200,
      { 'content-type': 'application/json' },
      '{"orderId":"o"}',
    ]);
    expect(text(httpApiAnswer(ok('plain')))).toBe('plain');
  });

  it('answers a function error, and a result it cannot read, 500 {"message":"Internal Server Error"}', () => {
    const failed = httpApiAnswer({
      ok: false,
      error: { errorType: 'Error', errorMessage: 'boom', trace: [] },
      requestId: 'r',
      coldStart: false,
    });
    for (const answer of [
      failed,
      httpApiAnswer(ok({ statusCode: 'teapot' })),
      httpApiAnswer(ok({ statusCode: 200, body: {} })),
    ]) {
      expect([answer.statusCode, JSON.parse(text(answer))]).toEqual([
        500,
        { message: 'Internal Server Error' },
      ]);
    }
  });
});
