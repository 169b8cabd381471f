import { describe, expect, it } from 'vitest';
import { notificationOrderId, parseNotificationBody } from '../src/index.js';

describe('parseNotificationBody', () => {
  it('unwraps an SNS envelope', () => {
    const body = JSON.stringify({
      Type: 'Notification',
      Subject: 'Order o-1',
      Message: JSON.stringify({ orderId: 'o-1', state: 'PAYMENT_PROCESSED' }),
    });
    expect(parseNotificationBody(body)).toEqual({
      text: '{"orderId":"o-1","state":"PAYMENT_PROCESSED"}',
      message: { orderId: 'o-1', state: 'PAYMENT_PROCESSED' },
      subject: 'Order o-1',
    });
  });

  it('takes a raw-delivered body as the message', () => {
    expect(parseNotificationBody('{"orderId":"o-2"}').message).toEqual({ orderId: 'o-2' });
    expect(parseNotificationBody('plain text').message).toBe('plain text');
  });
});

describe('notificationOrderId', () => {
  it('finds the order id at the top or nested', () => {
    expect(notificationOrderId({ orderId: 'a' })).toBe('a');
    expect(notificationOrderId({ order: { orderId: 'b' } })).toBe('b');
    expect(notificationOrderId('c')).toBeUndefined();
  });
});
