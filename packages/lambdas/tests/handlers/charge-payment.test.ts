import { EXAMPLE_ORDERS, InvalidOrderError } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { OrderNotChargeableError } from '../../src/domain/charge-ledger.js';
import { PaymentError } from '../../src/domain/payment-error.js';
import { SimulatedPaymentProvider } from '../../src/domain/simulated-payment-provider.js';
import { createChargePaymentHandler, handler } from '../../src/handlers/charge-payment.js';
import { memoryLogger } from '../support/capture-logs.js';

function setup(options: { chargeable?: boolean } = {}) {
  const logs = memoryLogger('charge-payment');
  const provider = new SimulatedPaymentProvider();
  const marks: string[] = [];
  const ledger = {
    markRequested: async (orderId: string) => {
      if (options.chargeable === false) throw new OrderNotChargeableError(orderId);
      marks.push(`${orderId} (after ${provider.chargesMade} charges)`);
    },
    markDeclined: async (orderId: string) => {
      marks.push(`${orderId} declined`);
    },
  };
  const charge = createChargePaymentHandler({ provider, ledger, logger: logs.logger });
  return { charge, provider, logs, marks };
}

const eventFor = (name: keyof typeof EXAMPLE_ORDERS, orderId: string) => {
  const { customerId, orderTotal, paymentDetails } = EXAMPLE_ORDERS[name];
  return { orderId, customerId, orderTotal, paymentDetails };
};

describe('charge-payment handler', () => {
  it('charges the success example, after marking the order row', async () => {
    const { charge, provider, marks } = setup();
    const result = await charge(eventFor('success', 'order-1'));
    expect(result).toEqual({ paymentResult: 'SUCCESS', chargeId: expect.stringMatching(/^ch_/) });
    expect(provider.chargesMade).toBe(1);
    expect(marks).toEqual(['order-1 (after 0 charges)']);
  });

  it('charges nothing when the order row cannot be marked (not RECEIVED)', async () => {
    const { charge, provider } = setup({ chargeable: false });
    await expect(charge(eventFor('success', 'order-x'))).rejects.toThrow(OrderNotChargeableError);
    expect(provider.chargesMade).toBe(0);
  });

  it('throws PaymentError (the name Step Functions catches) for the declined example, card masked', async () => {
    const { charge, logs, marks } = setup();
    const error = await charge(eventFor('paymentDeclined', 'order-2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentError);
    // Not charged, and the row says so (the sweeper may then give a held reservation back).
    expect(marks).toEqual(['order-2 (after 0 charges)', 'order-2 declined']);
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

  it('exports a ready handler: the simulated provider behind the order-row mark (its table from the env)', async () => {
    delete process.env.ORDERS_TABLE_NAME;
    await expect(handler(eventFor('success', 'order-real'))).rejects.toThrow('ORDERS_TABLE_NAME is not set');
  });
});
