import { EXAMPLE_ORDERS, InvalidOrderError } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { PaymentError } from '../../src/domain/payment-error.js';
import { SimulatedPaymentProvider } from '../../src/domain/simulated-payment-provider.js';
import { createChargePaymentHandler, handler } from '../../src/handlers/charge-payment.js';
import { memoryLogger } from '../support/capture-logs.js';

function setup() {
  const logs = memoryLogger('charge-payment');
  const provider = new SimulatedPaymentProvider();
  const charge = createChargePaymentHandler({ provider, logger: logs.logger });
  return { charge, provider, logs };
}

const eventFor = (name: keyof typeof EXAMPLE_ORDERS, orderId: string) => {
  const { customerId, orderTotal, paymentDetails } = EXAMPLE_ORDERS[name];
  return { orderId, customerId, orderTotal, paymentDetails };
};

describe('charge-payment handler', () => {
  it('charges the success example', async () => {
    const { charge, provider } = setup();
    const result = await charge(eventFor('success', 'order-1'));
    expect(result).toEqual({ paymentResult: 'SUCCESS', chargeId: expect.stringMatching(/^ch_/) });
    expect(provider.chargesMade).toBe(1);
  });

  it('throws PaymentError (the name Step Functions catches) for the declined example, card masked', async () => {
    const { charge, logs } = setup();
    const error = await charge(eventFor('paymentDeclined', 'order-2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentError);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('PaymentError');
    expect((error as Error).message).toBe('card **** 0002 was declined: card_declined');
    expect(logs.entries().at(-1)).toMatchObject({ level: 'ERROR', error: { name: 'PaymentError' } });
  });

  it('is idempotent by order id: a retry returns the first charge and charges once', async () => {
    const { charge, provider, logs } = setup();
    const first = await charge(eventFor('success', 'order-3'));
    const second = await charge(eventFor('success', 'order-3'));
    expect(second).toEqual(first);
    expect(provider.chargesMade).toBe(1);
    expect(logs.entries().some((e) => e.message === 'charge replayed for an order already charged')).toBe(
      true,
    );
  });

  it('ignores the extra workflow fields it is sent', async () => {
    const { charge } = setup();
    const event = { ...eventFor('success', 'order-4'), items: [], paymentVerified: true };
    await expect(charge(event)).resolves.toMatchObject({ paymentResult: 'SUCCESS' });
  });

  it('throws InvalidOrder without an order id', async () => {
    const { charge } = setup();
    const { orderId: _drop, ...event } = eventFor('success', 'x');
    const error = await charge(event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as Error).message).toContain('orderId: expected a string, got nothing');
  });

  it('exports a ready handler with the simulated provider', async () => {
    await expect(handler(eventFor('success', 'order-real'))).resolves.toMatchObject({
      paymentResult: 'SUCCESS',
    });
  });
});
