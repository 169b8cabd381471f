import { ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { notificationAttributes, notificationOutcome } from '../../src/domain/notification-attributes.js';

describe('notificationOutcome', () => {
  it("names a charge PROCESSED, a decline DECLINED and every other state REJECTED, as the workflow's Notify tasks do", () => {
    expect(
      Object.fromEntries(Object.values(ORDER_STATES).map((state) => [state, notificationOutcome(state)])),
    ).toEqual({
      RECEIVED: 'REJECTED',
      PAYMENT_PROCESSED: 'PROCESSED',
      PAYMENT_FAILED: 'DECLINED',
      PAYMENT_DETAILS_REJECTED: 'REJECTED',
      OUT_OF_STOCK: 'REJECTED',
      INVALID_ORDER: 'REJECTED',
      FAILED: 'REJECTED',
    });
  });
});

describe('notificationAttributes', () => {
  const kept = (fields: Record<string, unknown>) => JSON.stringify({ orderId: 'o-1', ...fields });

  it("reads the state from the kept message's JSON", () => {
    expect(notificationAttributes('o-1', kept({ state: 'OUT_OF_STOCK', reason: 'x' }))).toEqual({
      state: 'OUT_OF_STOCK',
      outcome: 'REJECTED',
    });
  });

  it.each([
    [42, /PendingNotification of order o-1 is not a string/],
    ['{"orderId":', /PendingNotification of order o-1 is not JSON/],
    ['["o-1"]', /PendingNotification of order o-1 is not a JSON object/],
    [
      JSON.stringify({ orderId: 'o-2', state: 'FAILED' }),
      /PendingNotification.orderId of order o-1 is "o-2"/,
    ],
    [kept({ state: 'SHIPPED' }), /PendingNotification.state of order o-1 is "SHIPPED", not an order state/],
    [kept({}), /PendingNotification.state of order o-1 is undefined/],
  ])('refuses %j, naming the field and value', (message, expected) => {
    expect(() => notificationAttributes('o-1', message)).toThrow(expected);
    expect(() => notificationAttributes('o-1', message)).toThrow(
      expect.objectContaining({ name: 'InvalidNotification' }),
    );
  });
});
