import { describe, expect, it } from 'vitest';
import { httpApiEvent, type IncomingApiRequest } from '../../src/api/http-api-event.js';

const CONTEXT = {
  accountId: '123456789012',
  apiId: 'orders-local-intake-api-id',
  stage: '$default',
  requestId: 'JKJaXmPLvHcESHA=',
  now: new Date(Date.UTC(2026, 11, 4, 1, 2, 3, 456)),
};

const request = (overrides: Partial<IncomingApiRequest> = {}): IncomingApiRequest => ({
  method: 'POST',
  target: '/orders',
  headers: {
    host: ['127.0.0.1:8083'],
    'content-type': ['application/json'],
    'user-agent': ['curl/8.5.0'],
  },
  body: Buffer.from('{"orderTotal":1}'),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  ...overrides,
});

describe('httpApiEvent (API Gateway HTTP API, payload format 2.0)', () => {
  it('builds the whole event of a POST: route, raw path, headers, body, request context', () => {
    const event = httpApiEvent(request(), { routeKey: 'POST /orders', pathParameters: {} }, CONTEXT);

    expect(event).toEqual({
      version: '2.0',
      routeKey: 'POST /orders',
      rawPath: '/orders',
      rawQueryString: '',
      headers: { host: '127.0.0.1:8083', 'content-type': 'application/json', 'user-agent': 'curl/8.5.0' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'orders-local-intake-api-id',
        domainName: '127.0.0.1:8083',
        domainPrefix: '127',
        http: {
          method: 'POST',
          path: '/orders',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8.5.0',
        },
        requestId: 'JKJaXmPLvHcESHA=',
        routeKey: 'POST /orders',
        stage: '$default',
        time: '04/Dec/2026:01:02:03 +0000',
        timeEpoch: Date.UTC(2026, 11, 4, 1, 2, 3, 456),
      },
      body: '{"orderTotal":1}',
      isBase64Encoded: false,
    });
  });

  it('gives a GET its path parameters and query string, and no body', () => {
    const event = httpApiEvent(
      request({ method: 'get', target: '/orders/ord_a%20b?view=full&tag=x&tag=y', body: Buffer.alloc(0) }),
      { routeKey: 'GET /orders/{id}', pathParameters: { id: 'ord_a b' } },
      CONTEXT,
    );

    expect(event).toMatchObject({
      routeKey: 'GET /orders/{id}',
      rawPath: '/orders/ord_a%20b',
      rawQueryString: 'view=full&tag=x&tag=y',
      queryStringParameters: { view: 'full', tag: 'x,y' },
      pathParameters: { id: 'ord_a b' },
      requestContext: { http: { method: 'GET', path: '/orders/ord_a%20b' } },
      isBase64Encoded: false,
    });
    expect(event).not.toHaveProperty('body');
  });

  it('lower-cases header names, joins a repeated header with commas and moves cookies to `cookies`', () => {
    const event = httpApiEvent(
      request({
        headers: {
          'X-Trace': ['a', 'b'],
          'x-trace': ['c'],
          cookie: ['session=1; theme=dark'],
          host: ['127.0.0.1:8083'],
        },
      }),
      { routeKey: 'POST /orders', pathParameters: {} },
      CONTEXT,
    );

    expect(event.headers).toEqual({ 'x-trace': 'a,b,c', host: '127.0.0.1:8083' });
    expect(event.cookies).toEqual(['session=1', 'theme=dark']);
    expect(event.requestContext.http.userAgent).toBe('');
  });

  it('sends a body that is not valid UTF-8 as base64, with isBase64Encoded', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const event = httpApiEvent(
      request({ body: bytes }),
      { routeKey: 'POST /orders', pathParameters: {} },
      CONTEXT,
    );

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });
});
