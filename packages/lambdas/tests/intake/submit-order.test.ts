import { EXAMPLE_ORDERS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../src/intake/http.js';
import { fingerprintOf } from '../../src/intake/idempotency.js';
import { routeIntake } from '../../src/intake/intake-router.js';
import { intakeHarness as setup } from '../support/intake-harness.js';

const body = (value: unknown) => JSON.stringify(value);
const parsed = (response: HttpResponse) => JSON.parse(response.body) as Record<string, unknown>;
const CARD = EXAMPLE_ORDERS.success.paymentDetails.cardNumber.replace(/\D/g, '');

describe('POST /orders', () => {
  it('tokenizes the card, starts the workflow with a card-free order named by the order id, answers 202', async () => {
    const { send, vault, started } = setup();
    const response = await send({ body: body({ ...EXAMPLE_ORDERS.success, orderId: 'order-1' }) });
    expect(response.statusCode).toBe(202);
    expect(response.headers.location).toBe('/orders/order-1');
    expect(parsed(response)).toEqual({ orderId: 'order-1', state: 'SUBMITTED', location: '/orders/order-1' });
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      orderId: 'order-1',
      payment: { token: 'tok_aaaaaaaaaaaaaaaaaaaaaaaa', cardType: 'VISA', cardLast4: CARD.slice(-4) },
    });
    const input = JSON.stringify(started[0]);
    expect(input).not.toContain(CARD);
    expect(input).not.toContain(EXAMPLE_ORDERS.success.paymentDetails.expiration);
    expect(vault).toEqual([expect.objectContaining({ token: started[0]?.payment.token, number: CARD })]);
  });

  it('answers 400 naming each field and rule, and never echoes the card number or expiry', async () => {
    const { send, started } = setup();
    const bad = {
      ...EXAMPLE_ORDERS.success,
      orderTotal: -1,
      paymentDetails: {
        ...EXAMPLE_ORDERS.success.paymentDetails,
        cardNumber: `${CARD}x`,
        expiration: '13/99',
      },
    };
    const response = await send({ body: body(bad) });
    expect(response.statusCode).toBe(400);
    const answer = parsed(response) as { error: string; issues: { path: string; message: string }[] };
    expect(answer.error).toBe('InvalidOrder');
    expect(answer.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['orderTotal', 'paymentDetails.cardNumber', 'paymentDetails.expiration']),
    );
    expect(response.body).not.toContain(CARD);
    expect(response.body).not.toContain('13/99');
    expect(started).toHaveLength(0);
  });

  it.each([
    ['not JSON', { body: '{"orderTotal": ' }, 400, 'InvalidRequest', 'body'],
    ['no body', {}, 400, 'InvalidRequest', 'body'],
    [
      'another media type',
      { body: '{}', headers: { 'content-type': 'text/plain' } },
      415,
      'UnsupportedMediaType',
      'content-type',
    ],
    [
      'an empty key',
      { body: body(EXAMPLE_ORDERS.success), headers: { 'idempotency-key': '' } },
      400,
      'InvalidRequest',
      'Idempotency-Key',
    ],
  ] as const)('refuses %s, naming what is wrong', async (_what, request, status, error, field) => {
    const { send, started } = setup();
    const response = await send(request);
    expect(response.statusCode).toBe(status);
    expect(parsed(response)).toMatchObject({ error, message: expect.stringContaining(field) });
    expect(started).toHaveLength(0);
  });

  it('gives the same answer to the same key and body, 422 to another body, and starts one execution', async () => {
    const { send, started } = setup();
    const headers = { 'idempotency-key': 'key-1' };
    const first = await send({ body: body(EXAMPLE_ORDERS.success), headers });
    // The same body with other spacing and key order is the same request.
    const { customerId, ...rest } = EXAMPLE_ORDERS.success;
    const again = await send({ body: JSON.stringify({ customerId, ...rest }, null, 2), headers });
    expect(again).toEqual(first);
    expect(first.statusCode).toBe(202);
    // Without an orderId, the key names the order: letters only, the same for every retry.
    expect(parsed(first).orderId).toMatch(/^ord_[a-z]{24}$/);
    const other = await send({
      body: body({ ...EXAMPLE_ORDERS.success, customerId: 'someone-else' }),
      headers,
    });
    expect(other.statusCode).toBe(422);
    expect(parsed(other)).toMatchObject({ error: 'IdempotencyKeyReused' });
    expect(started).toHaveLength(1);
  });

  it('answers 409 while a request with the key is still in flight, and frees the key when one fails', async () => {
    const { send, idempotency } = setup();
    const headers = { 'idempotency-key': 'key-2' };
    const payload = body(EXAMPLE_ORDERS.success);
    await idempotency.claim('key-2', fingerprintOf(JSON.parse(payload)), 0);
    const busy = await send({ body: payload, headers });
    expect(busy.statusCode).toBe(409);
    expect(busy.headers['retry-after']).toBe('1');

    const failing = setup({ startFails: true });
    await expect(failing.send({ body: payload, headers })).rejects.toThrow('Step Functions is down');
    expect(failing.idempotency.keys.size).toBe(0);
  });

  it('answers 409 OrderAlreadySubmitted when the order id was already started by another request', async () => {
    const { send } = setup();
    await send({
      body: body({ ...EXAMPLE_ORDERS.success, orderId: 'order-9' }),
      headers: { 'idempotency-key': 'a' },
    });
    const second = await send({
      body: body({ ...EXAMPLE_ORDERS.success, orderId: 'order-9' }),
      headers: { 'idempotency-key': 'b' },
    });
    expect(second.statusCode).toBe(409);
    expect(parsed(second)).toMatchObject({
      error: 'OrderAlreadySubmitted',
      message: expect.stringContaining('orderId'),
    });
    expect(second.headers.location).toBe('/orders/order-9');
  });
});

describe('GET /orders/{id} and the other routes', () => {
  it('answers the row: state, reason, the card as type and last four only; 404 for an unknown id', async () => {
    const { rows, deps } = setup();
    rows.set('order-2', {
      OrderId: 'order-2',
      State: 'PAYMENT_DETAILS_REJECTED',
      Reason: 'card number fails the Luhn check',
      CustomerId: 'c-1',
      OrderTotal: 10,
      Items: [{ itemId: 'i-1', itemDescription: 'thing', price: 10, quantity: 1 }],
      CreatedAt: '2026-12-03T00:00:00.000Z',
      CardType: 'VISA',
      CardLast4: '1111',
    });
    const get = (path: string, method = 'GET') =>
      routeIntake({ method, path, headers: {}, body: undefined }, deps);
    const found = await get('/orders/order-2');
    expect(found.statusCode).toBe(200);
    expect(parsed(found)).toEqual({
      orderId: 'order-2',
      state: 'PAYMENT_DETAILS_REJECTED',
      reason: 'card number fails the Luhn check',
      customerId: 'c-1',
      orderTotal: 10,
      items: [{ itemId: 'i-1', quantity: 1, price: 10 }],
      card: { type: 'VISA', last4: '1111' },
      createdAt: '2026-12-03T00:00:00.000Z',
    });
    expect((await get('/orders/nope')).statusCode).toBe(404);
    expect((await get('/orders/a%20b')).statusCode).toBe(400);
    expect((await get('/orders', 'GET')).statusCode).toBe(405);
    expect((await get('/orders/order-2', 'DELETE')).headers.allow).toBe('GET');
    expect((await get('/elsewhere')).statusCode).toBe(404);
  });

  it('answers SUBMITTED for an accepted order whose execution has not claimed it yet, never 404', async () => {
    const { send, rows, deps } = setup();
    const accepted = await send({ body: body({ ...EXAMPLE_ORDERS.success, orderId: 'order-5' }) });
    expect(accepted.statusCode).toBe(202);
    const get = () =>
      routeIntake({ method: 'GET', path: '/orders/order-5', headers: {}, body: undefined }, deps);
    const early = await get();
    expect(early.statusCode).toBe(200);
    expect(parsed(early)).toEqual({ orderId: 'order-5', state: 'SUBMITTED' });
    // Once the workflow has written the row, the row answers.
    rows.set('order-5', {
      OrderId: 'order-5',
      State: 'RECEIVED',
      CustomerId: EXAMPLE_ORDERS.success.customerId,
      OrderTotal: EXAMPLE_ORDERS.success.orderTotal,
      Items: [],
      CreatedAt: '2026-12-04T00:00:00.000Z',
    });
    expect(parsed(await get())).toMatchObject({ orderId: 'order-5', state: 'RECEIVED' });
  });
});
