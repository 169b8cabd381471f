import { describe, expect, it } from 'vitest';
import { EXAMPLE_ORDERS } from '../src/examples.js';
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

  it('parses charge-payment events and ignores extra workflow fields', () => {
    const { paymentDetails, customerId, orderTotal } = EXAMPLE_ORDERS.success;
    const event = parseChargePaymentEvent({
      orderId: 'o-1',
      customerId,
      orderTotal,
      paymentDetails,
      items: [],
    });
    expect(event.orderId).toBe('o-1');
    expect('items' in event).toBe(false);
  });

  it('names bad charge-payment fields, masking the card', () => {
    const { paymentDetails, customerId } = EXAMPLE_ORDERS.success;
    const message = messageOf(() =>
      parseChargePaymentEvent({
        orderId: 'bad id',
        customerId,
        orderTotal: 0,
        paymentDetails: { ...paymentDetails, cardNumber: '4111 1111 1111 111x' },
      }),
    );
    expect(message).toContain('orderId: expected 1 to 80 characters without whitespace');
    expect(message).toContain('got "bad id"');
    expect(message).toContain('orderTotal: expected a positive number, got 0');
    expect(message).toContain('paymentDetails.cardNumber: expected digits');
    expect(message).not.toContain('4111 1111');
  });
});
