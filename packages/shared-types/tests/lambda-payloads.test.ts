import { describe, expect, it } from 'vitest';
import { EXAMPLE_ORDERS } from '../src/examples.js';
import { parseTokenizedOrder } from '../src/intake.js';
import { InvalidOrderError } from '../src/invalid-order-error.js';
import {
  parseChargePaymentEvent,
  parseReleaseStockEvent,
  parseReserveStockEvent,
} from '../src/lambda-payloads.js';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOrderError);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('lambda event parsers', () => {
  it('parses reserve-stock events, defaulting quantity', () => {
    const event = parseReserveStockEvent({
      orderId: 'o-1',
      items: EXAMPLE_ORDERS.success.orderContents.items,
    });
    expect(event.items.map((i) => i.quantity)).toEqual([1, 1, 1]);
  });

  it('names bad reserve-stock fields from the event root', () => {
    expect(
      messageOf(() =>
        parseReserveStockEvent({ orderId: 'o-1', items: [{ itemId: 'a', price: -1, itemDescription: 'x' }] }),
      ),
    ).toContain('items[0].price: expected a positive number, got -1');
    expect(messageOf(() => parseReserveStockEvent({ items: [] }))).toContain('orderId');
    expect(messageOf(() => parseReserveStockEvent('x'))).toContain('event: expected an object, got "x"');
  });

  it('parses release-stock events and names a missing order id', () => {
    expect(parseReleaseStockEvent({ orderId: 'o-1' }).orderId).toBe('o-1');
    expect(messageOf(() => parseReleaseStockEvent({}))).toContain('orderId');
  });

  const payment = { token: `tok_${'a'.repeat(24)}`, cardType: 'VISA', cardLast4: '1111' } as const;

  it('parses charge-payment events and ignores extra workflow fields', () => {
    const { customerId, orderTotal } = EXAMPLE_ORDERS.success;
    const event = parseChargePaymentEvent({ orderId: 'o-1', customerId, orderTotal, payment, items: [] });
    expect(event.orderId).toBe('o-1');
    expect(event.payment).toEqual(payment);
    expect('items' in event).toBe(false);
  });

  it('names bad charge-payment fields, and refuses raw payment details without echoing them', () => {
    const { paymentDetails, customerId } = EXAMPLE_ORDERS.success;
    const message = messageOf(() =>
      parseChargePaymentEvent({ orderId: 'bad id', customerId, orderTotal: 0, paymentDetails }),
    );
    expect(message).toContain('orderId: expected 1 to 80 characters without whitespace');
    expect(message).toContain('got "bad id"');
    expect(message).toContain('orderTotal: expected a positive number, got 0');
    expect(message).toContain('payment: expected an object, got nothing');
    expect(message).not.toContain('4111');
    const badToken = messageOf(() =>
      parseChargePaymentEvent({
        orderId: 'o-1',
        customerId,
        orderTotal: 1,
        payment: { ...payment, token: 'x' },
      }),
    );
    expect(badToken).toContain('payment.token: expected a card token (tok_ and 24 letters)');
  });

  it('parses the card-free workflow order, checking the total, and refuses one with payment details', () => {
    const { orderContents, orderTotal, customerId, paymentDetails } = EXAMPLE_ORDERS.success;
    const order = { orderId: 'o-1', orderContents, orderTotal, customerId, payment };
    expect(parseTokenizedOrder(order).payment).toEqual(payment);
    expect(messageOf(() => parseTokenizedOrder({ ...order, orderTotal: orderTotal + 1 }))).toContain(
      'orderTotal: expected the sum of price x quantity',
    );
    const raw = messageOf(() => parseTokenizedOrder({ ...order, paymentDetails }));
    expect(raw).toContain('paymentDetails');
    expect(raw).not.toContain('4111');
  });
});
