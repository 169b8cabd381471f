import { EXAMPLE_ORDERS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { redactCardData } from '../../src/console/redact.js';

const order = EXAMPLE_ORDERS.success;

describe('redactCardData: what the console proxy lets through', () => {
  it('masks the sensitive fields of an order wherever it sits, and JSON text inside strings', () => {
    const history = {
      events: [
        { type: 'ExecutionStarted', executionStartedEventDetails: { input: JSON.stringify(order) } },
        {
          type: 'TaskScheduled',
          taskScheduledEventDetails: { parameters: JSON.stringify({ FunctionName: 'f', Payload: order }) },
        },
      ],
    };
    const text = JSON.stringify(redactCardData(history));
    expect(text).not.toContain('4111');
    expect(text).not.toContain('12/34');
    const input = JSON.parse(
      (redactCardData(history) as typeof history).events[0]!.executionStartedEventDetails!.input,
    );
    expect(input.paymentDetails).toEqual({
      ...order.paymentDetails,
      cardNumber: '**** 1111',
      expiration: '**/**',
    });
    expect(input.orderContents).toEqual(order.orderContents);
  });

  it('masks card numbers in free text and keeps account ids in ARNs and queue URLs', () => {
    const value = {
      cause: 'card 5555 5555 5555 4444 was refused',
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:m:n',
      roleArn: 'arn:aws:iam::123456789012:role/r',
      queueUrl: 'http://127.0.0.1:4566/123456789012/q',
    };
    expect(redactCardData(value)).toEqual({ ...value, cause: 'card **** 4444 was refused' });
  });

  it('leaves identifiers alone, long digit runs included', () => {
    const value = {
      name: 'order-1733234567890',
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:m:order-1733234567890',
      nextToken: 'eyJ0IjoxNzMzMjM0NTY3ODkwMTIzfQ',
      input: JSON.stringify({ orderId: 'order-1733234567890', note: '4242424242424242' }),
      Item: { OrderId: { S: 'order-1733234567890' }, Reason: { S: 'card 4242424242424242' } },
      values: {
        ':executionId': { S: 'arn:aws:states:us-east-1:123456789012:execution:m:order-1733234567890' },
      },
    };
    expect(redactCardData(value)).toEqual({
      ...value,
      input: JSON.stringify({ orderId: 'order-1733234567890', note: '**** 4242' }),
      Item: { OrderId: { S: 'order-1733234567890' }, Reason: { S: 'card **** 4242' } },
    });
  });

  it('returns what has nothing to mask unchanged (the same JSON text, not a re-serialized copy)', () => {
    const output = '{ "paymentVerified": true,  "cardLast4": "1111" }';
    const value = { output, n: 123456789012345, list: [1, 'a'] };
    expect(redactCardData(value)).toBe(value);
  });
});
