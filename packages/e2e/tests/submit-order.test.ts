import type { SFNClient } from '@aws-sdk/client-sfn';
import type { IntakeAnswer, IntakeClient } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { acceptedOrderId, OrderNotAcceptedError, submitOrder } from '../src/index.js';

const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:orders-local';

/** An intake client that answers every submission with `answer` and records what it was sent. */
function answering(answer: IntakeAnswer<unknown>): IntakeClient & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    baseUrl: 'http://intake.test',
    sent,
    submit: async (order) => {
      sent.push(order);
      return answer as never;
    },
    status: async () => answer as never,
  };
}

// Any call on it fails the test: a refused order must not be waited for.
const NO_SFN = {
  send: () => Promise.reject(new Error('Step Functions called for a refused order')),
} as unknown as SFNClient;

describe('submitOrder', () => {
  it('throws OrderNotAcceptedError with the answer for anything but 202, before any wait', async () => {
    const answer = {
      status: 400,
      body: { error: 'InvalidOrder', message: 'invalid order: customerId: expected a string' },
      text: '{"error":"InvalidOrder","message":"invalid order: customerId: expected a string"}',
    };
    const intake = answering(answer);
    const attempt = submitOrder(intake, NO_SFN, MACHINE, { orderId: 'o-1' });
    await expect(attempt).rejects.toThrow(OrderNotAcceptedError);
    await expect(attempt).rejects.toThrow(
      /^POST \/orders answered 400, expected 202: \{"error":"InvalidOrder"/,
    );
    expect(intake.sent).toEqual([{ orderId: 'o-1' }]);
  });

  it('reads the order id of a 202 only', () => {
    const accepted = { status: 202, body: { orderId: 'o-1', state: 'SUBMITTED', location: '/orders/o-1' } };
    expect(acceptedOrderId({ ...accepted, text: '' })).toBe('o-1');
    expect(acceptedOrderId({ ...accepted, status: 200, text: '' })).toBeUndefined();
    expect(acceptedOrderId({ status: 202, body: { message: 'x' } as never, text: '' })).toBeUndefined();
  });
});
