import { describe, expect, it } from 'vitest';
import { answerProblems, echoedCardNumbers, type FuzzAnswer } from '../../scripts/fuzz/answer-check.js';
import type { FuzzRequest } from '../../scripts/fuzz/request-arbitrary.js';

const request = (over: Partial<FuzzRequest> = {}): FuzzRequest => ({
  generator: 'mutated',
  body: '{}',
  contentType: 'application/json',
  idempotencyKey: undefined,
  ...over,
});
const answer = (status: number, body: unknown, location?: string): FuzzAnswer => ({
  status,
  location,
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('answerProblems', () => {
  it('takes a 202 with its order id, state and a Location that matches', () => {
    const accepted = { orderId: 'ord_a b', state: 'SUBMITTED', location: '/orders/ord_a%20b' };
    expect(answerProblems(request(), answer(202, accepted, '/orders/ord_a%20b'))).toEqual([]);
    expect(answerProblems(request(), answer(202, accepted, '/orders/other'))).toEqual([
      'a 202 whose location (/orders/ord_a%20b, header /orders/other) is not /orders/ord_a%20b',
    ]);
    expect(answerProblems(request(), answer(202, 'ok'))).toEqual([
      'a 202 without {orderId, state, location}',
    ]);
  });

  it('takes a 4xx whose issues each name a path, or whose message starts with the field', () => {
    const issues = [{ path: 'orderContents.items[0].price', message: 'expected a number, got "x"' }];
    expect(answerProblems(request(), answer(400, { error: 'InvalidOrder', message: 'm', issues }))).toEqual(
      [],
    );
    for (const message of [
      'body: expected a JSON object (the order)',
      'content-type: expected application/json (got text/plain)',
      'Idempotency-Key: expected a non-empty key',
      'orderContents.items[2].price: expected a number',
    ])
      expect(answerProblems(request(), answer(415, { error: 'E', message }))).toEqual([]);
  });

  it('refuses a 4xx that names no field, has empty issues, or is not an IntakeError', () => {
    expect(
      answerProblems(request(), answer(404, { error: 'NotFound', message: 'POST /x: no such route' })),
    ).toEqual(['a 404 NotFound that names no field: POST /x: no such route']);
    expect(
      answerProblems(request(), answer(400, { error: 'InvalidOrder', message: 'bad', issues: [] })),
    ).toEqual(['a 400 InvalidOrder whose issues do not each name a path']);
    expect(answerProblems(request(), answer(400, 'Bad Request'))).toEqual([
      'a 400 whose body is not {error, message}: Bad Request',
    ]);
  });

  it('refuses every 5xx and anything that is neither 202 nor 4xx', () => {
    expect(answerProblems(request(), answer(500, { error: 'Internal', message: 'x' }))).toEqual([
      'answered 500: {"error":"Internal","message":"x"}',
    ]);
    expect(answerProblems(request(), answer(200, {}))).toEqual(['answered 200: {}']);
  });

  it('lets a valid order be refused only for its id or key', () => {
    const valid = request({ generator: 'valid' });
    expect(
      answerProblems(
        valid,
        answer(409, { error: 'OrderAlreadySubmitted', message: 'orderId: o was already submitted' }),
      ),
    ).toEqual([]);
    expect(
      answerProblems(
        valid,
        answer(400, { error: 'InvalidOrder', message: 'm', issues: [{ path: 'customerId', message: 'x' }] }),
      ),
    ).toEqual([
      'a valid order was refused: 400 {"error":"InvalidOrder","message":"m","issues":[{"path":"customerId","message":"x"}]}',
    ]);
  });

  it('refuses an answer that repeats a card number of the request', () => {
    const sent = request({ body: '{"paymentDetails":{"cardNumber":"4111 1111 1111 1111"}}' });
    const echoed = {
      error: 'InvalidOrder',
      message: 'cardNumber: bad, got 4111-1111-1111-1111',
      issues: [{ path: 'p', message: 'm' }],
    };
    expect(answerProblems(sent, answer(400, echoed))).toEqual([
      'the answer repeats 1 card number(s) of the request',
    ]);
  });
});

describe('echoedCardNumbers', () => {
  it('counts 12+ digit runs of the answer found in the request, whatever their grouping', () => {
    const sent = request({ body: '{"customerId":"x4111111111111111y"}' });
    expect(echoedCardNumbers(sent, 'got "**** 1111"')).toBe(0);
    expect(echoedCardNumbers(sent, 'got 4111 1111 1111')).toBe(1);
    expect(echoedCardNumbers(sent, 'got 411111111111')).toBe(1);
    expect(echoedCardNumbers(sent, 'got 41111111111')).toBe(0); // 11 digits: no card
  });

  it('leaves out the order id the client chose (the API names the order by it)', () => {
    const sent = request({ body: '{"orderId":"123456789012345","customerId":"c"}' });
    expect(echoedCardNumbers(sent, 'orderId: 123456789012345 was already submitted')).toBe(0);
  });

  it('reads a byte body as Latin-1', () => {
    const sent = request({ body: new TextEncoder().encode('\u00ff5555555555554444') });
    expect(echoedCardNumbers(sent, 'got 5555555555554444')).toBe(1);
  });
});
