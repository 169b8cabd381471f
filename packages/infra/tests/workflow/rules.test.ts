import { ERROR_NAMES, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import {
  CHARGE_NOT_RECORDED,
  ERROR_MESSAGE,
  ERROR_NAME,
  ORDER_ID,
  ORDER_ITEMS,
  ORDER_SUMMARY,
  rejectionOf,
  str,
  VERIFY_PAYLOAD,
} from '../../src/workflow/rules.js';
import { evaluate } from '../support/evaluate-jsonata.js';

// Each named rule of rules.ts on its own, evaluated by @orders/asl-engine (tests/support/evaluate-jsonata.ts).

/** A Lambda function error as Step Functions reports it: the JSON error document is the Cause. */
const lambdaCause = (errorType: string, errorMessage: string) =>
  JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, '    at handler'] });

const ORDER = {
  orderId: 'o-1',
  customerId: 'c-1',
  orderTotal: 1750,
  orderContents: {
    items: [
      { itemId: 'item-a', itemDescription: 'A', price: 1000 },
      { itemId: 'item-b', itemDescription: 'B', price: 250, quantity: 3 },
    ],
  },
  paymentDetails: { name: 'J', cardType: 'VISA', cardNumber: '4111 1111 1111 1111', expiration: '12/30' },
};

describe('ORDER_ID', () => {
  it("is the input's orderId when there is one", async () => {
    expect(await evaluate(ORDER_ID, { input: ORDER, name: 'exec-1' })).toBe('o-1');
  });

  it('is a string even when the orderId is a number', async () => {
    expect(await evaluate(ORDER_ID, { input: { orderId: 42 }, name: 'exec-1' })).toBe('42');
  });

  it.each([
    ['no orderId', { customerId: 'c-1' }],
    ['an empty orderId', { orderId: '' }],
    ['a null orderId', { orderId: null }],
    ['a string as input', 'x'],
    ['null as input', null],
    ['an array as input', [1, 2]],
  ])('is the execution name for %s', async (_, input) => {
    expect(await evaluate(ORDER_ID, { input, name: 'exec-7' })).toBe('exec-7');
  });
});

describe('ORDER_SUMMARY', () => {
  it('keeps the customer, the total and each line (quantity 1 when not given), and no card data', async () => {
    const summary = await evaluate(ORDER_SUMMARY, { input: ORDER });
    expect(summary).toEqual({
      customerId: 'c-1',
      orderTotal: 1750,
      items: [
        { itemId: 'item-a', itemDescription: 'A', price: 1000, quantity: 1 },
        { itemId: 'item-b', itemDescription: 'B', price: 250, quantity: 3 },
      ],
    });
    expect(JSON.stringify(summary)).not.toMatch(/4111|12\/30|paymentDetails/);
  });

  it('keeps a one-line order a list (JSONata would make a one-element result a single object)', async () => {
    const input = { ...ORDER, orderContents: { items: [ORDER.orderContents.items[1]] } };
    expect(await evaluate(ORDER_SUMMARY, { input })).toMatchObject({
      items: [{ itemId: 'item-b', quantity: 3 }],
    });
  });

  it.each([
    ['a string', 'x'],
    ['null', null],
    ['an array', []],
    ['an object without orderContents', { customerId: 'c-1', orderTotal: 10 }],
    ['orderContents without items', { orderContents: {} }],
  ])('is an empty record for %s as input (invalid orders are recorded too)', async (_, input) => {
    const summary = (await evaluate(ORDER_SUMMARY, { input })) as Record<string, unknown>;
    expect(summary.items).toEqual([]);
    expect(typeof summary.customerId).toBe('string');
    expect(typeof summary.orderTotal).toBe('number');
  });

  it('replaces a customerId or orderTotal of the wrong type with an empty value', async () => {
    const input = { ...ORDER, customerId: 42, orderTotal: '1750' };
    expect(await evaluate(ORDER_SUMMARY, { input })).toMatchObject({ customerId: '', orderTotal: 0 });
  });
});

describe('VERIFY_PAYLOAD and ORDER_ITEMS', () => {
  it('sends verify-payment the order as received plus its id, and odd input as it came', async () => {
    const variables = { order: { customerId: 'c-1' }, orderId: 'exec-1' };
    expect(await evaluate(VERIFY_PAYLOAD, { variables })).toEqual({ customerId: 'c-1', orderId: 'exec-1' });
    expect(await evaluate(VERIFY_PAYLOAD, { variables: { order: 'x', orderId: 'exec-1' } })).toBe('x');
  });

  it("sends reserve-stock the order's items, or null for reserve-stock to reject", async () => {
    expect(await evaluate(ORDER_ITEMS, { variables: { order: ORDER } })).toEqual(ORDER.orderContents.items);
    expect(await evaluate(ORDER_ITEMS, { variables: { order: { customerId: 'c' } } })).toBeNull();
    expect(await evaluate(ORDER_ITEMS, { variables: { order: 'x' } })).toBeNull();
  });
});

describe('ERROR_MESSAGE', () => {
  it("is the errorMessage of a Lambda's JSON error document, not the document", async () => {
    const cause = lambdaCause('OutOfStock', 'Out of stock: item-a: 2 ordered, 1 available');
    expect(await evaluate(ERROR_MESSAGE, { error: { error: 'OutOfStock', cause } })).toBe(
      'Out of stock: item-a: 2 ordered, 1 available',
    );
  });

  it('unescapes the message (quotes, backslashes, newlines, non-ASCII)', async () => {
    const message = 'card "x" \\ refusée\nsecond line / slash';
    const cause = lambdaCause('PaymentError', message);
    expect(await evaluate(ERROR_MESSAGE, { error: { error: 'PaymentError', cause } })).toBe(message);
  });

  it('is a plain Cause as it is', async () => {
    const cause = 'The conditional request failed (Service: DynamoDb, Status Code: 400)';
    expect(await evaluate(ERROR_MESSAGE, { error: { error: 'DynamoDB.X', cause } })).toBe(cause);
  });

  it('is the whole Cause when a JSON document has no errorMessage', async () => {
    const cause = '{"errorType":"Boom"}';
    expect(await evaluate(ERROR_MESSAGE, { error: { error: 'Boom', cause } })).toBe(cause);
  });

  it.each([
    ['looks like JSON but is not', '{not json'],
    ['is a document cut short', '{"errorType":"X","errorMessage":"the message was cut sh'],
    ['has an escape JSON does not allow', '{"errorMessage":"a\\qb"}'],
  ])('never fails the Catch when the Cause %s: it is kept as it is', async (_, cause) => {
    expect(await evaluate(ERROR_MESSAGE, { error: { error: 'Lambda.Unknown', cause } })).toBe(cause);
  });

  it.each([
    ['no Cause', { error: 'States.HeartbeatTimeout' }],
    ['an empty Cause', { error: 'States.HeartbeatTimeout', cause: '' }],
  ])('is the error name for an error with %s (a Reason is never empty)', async (_, error) => {
    expect(await evaluate(ERROR_MESSAGE, { error })).toBe('States.HeartbeatTimeout');
  });

  it('ERROR_NAME is the caught error', async () => {
    expect(await evaluate(ERROR_NAME, { error: { error: 'States.Timeout', cause: 'late' } })).toBe(
      'States.Timeout',
    );
  });
});

describe('CHARGE_NOT_RECORDED', () => {
  it('names the order, the charge id, the error and its message', async () => {
    const value = await evaluate(CHARGE_NOT_RECORDED, {
      variables: { orderId: 'o-9', charge: { paymentResult: 'SUCCESS', chargeId: 'ch_123' } },
      error: { error: 'DynamoDB.InternalServerErrorException', cause: 'Internal server error' },
    });
    expect(value).toBe(
      'Order o-9 was charged (chargeId ch_123) but recording it failed: ' +
        'DynamoDB.InternalServerErrorException: Internal server error',
    );
  });

  it('still names the order and the error when the error has no Cause', async () => {
    const value = await evaluate(CHARGE_NOT_RECORDED, {
      variables: { orderId: 'o-9', charge: { chargeId: 'ch_123' } },
      error: { error: 'States.Timeout' },
    });
    expect(value).toBe(
      'Order o-9 was charged (chargeId ch_123) but recording it failed: States.Timeout: States.Timeout',
    );
  });
});

describe('rejectionOf and str', () => {
  it('builds the rejection the exits record and fail with', async () => {
    const rule = rejectionOf(str(ORDER_STATES.OUT_OF_STOCK), str(ERROR_NAMES.OutOfStock), ERROR_MESSAGE);
    const cause = lambdaCause('OutOfStock', 'Out of stock: item-a');
    expect(await evaluate(rule, { error: { error: 'OutOfStock', cause } })).toEqual({
      state: 'OUT_OF_STOCK',
      error: 'OutOfStock',
      reason: 'Out of stock: item-a',
    });
  });

  it('quotes a string literal so a quote or a backslash inside cannot end or change it', async () => {
    expect(await evaluate(str("it's"))).toBe("it's");
    expect(await evaluate(str('a\\b\\'))).toBe('a\\b\\');
    expect(await evaluate(str('RECEIVED'))).toBe('RECEIVED');
  });
});
