import { EXAMPLE_ORDERS, InvalidOrderError } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { OrderNotChargeableError } from '../../src/domain/charge-ledger.js';
import { PaymentError } from '../../src/domain/payment-error.js';
import { createChargePaymentHandler, handler } from '../../src/handlers/charge-payment.js';
import { memoryLogger } from '../support/capture-logs.js';
import { providerWithVault } from '../support/card-vault.js';

function setup(options: { chargeable?: boolean } = {}) {
  const logs = memoryLogger('charge-payment');
  const { provider, tokenized } = providerWithVault();
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
  /** charge-payment's event for an example order, its card tokenized into the provider's vault. */
  const eventFor = async (name: keyof typeof EXAMPLE_ORDERS, orderId: string) => {
    const { customerId, orderTotal, payment } = await tokenized(EXAMPLE_ORDERS[name], orderId);
    return { orderId, customerId, orderTotal, payment };
  };
  return { charge, provider, logs, marks, eventFor };
}

describe('charge-payment handler', () => {
  it('charges the success example, after marking the order row', async () => {
    const { charge, provider, marks, eventFor } = setup();
    const result = await charge(await eventFor('success', 'order-1'));
    expect(result).toEqual({ paymentResult: 'SUCCESS', chargeId: expect.stringMatching(/^ch_/) });
    expect(provider.chargesMade).toBe(1);
    expect(marks).toEqual(['order-1 (after 0 charges)']);
  });

  it('charges nothing when the order row cannot be marked (not RECEIVED)', async () => {
    const { charge, provider, eventFor } = setup({ chargeable: false });
    await expect(charge(await eventFor('success', 'order-x'))).rejects.toThrow(OrderNotChargeableError);
    expect(provider.chargesMade).toBe(0);
  });

  it('throws PaymentError (the name Step Functions catches) for the declined example, card masked', async () => {
    const { charge, logs, marks, eventFor } = setup();
    const error = await charge(await eventFor('paymentDeclined', 'order-2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentError);
    // Not charged, and the row says so (the sweeper may then give a held reservation back).
    expect(marks).toEqual(['order-2 (after 0 charges)', 'order-2 declined']);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('PaymentError');
    expect((error as Error).message).toBe('card **** 0002 was declined: card_declined');
    expect(logs.entries().at(-1)).toMatchObject({ level: 'ERROR', error: { name: 'PaymentError' } });
  });

  it('is idempotent by order id: a retry returns the first charge and charges once', async () => {
    const { charge, provider, logs, eventFor } = setup();
    const event = await eventFor('success', 'order-3');
    const first = await charge(event);
    const second = await charge(event);
    expect(second).toEqual(first);
    expect(provider.chargesMade).toBe(1);
    expect(logs.entries().some((e) => e.message === 'charge replayed for an order already charged')).toBe(
      true,
    );
  });

  it('ignores the extra workflow fields it is sent', async () => {
    const { charge, eventFor } = setup();
    const event = { ...(await eventFor('success', 'order-4')), items: [], paymentVerified: true };
    await expect(charge(event)).resolves.toMatchObject({ paymentResult: 'SUCCESS' });
  });

  it('throws InvalidOrder without an order id', async () => {
    const { charge, eventFor } = setup();
    const { orderId: _drop, ...event } = await eventFor('success', 'x');
    const error = await charge(event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as Error).message).toContain('orderId: expected a string, got nothing');
  });

  it('exports a ready handler: the simulated provider behind the order-row mark (its table from the env)', async () => {
    delete process.env.ORDERS_TABLE_NAME;
    const { eventFor } = setup();
    await expect(handler(await eventFor('success', 'order-real'))).rejects.toThrow(
      'ORDERS_TABLE_NAME is not set',
    );
  });
});

describe('charge-payment by token', () => {
  it('declines a token the vault does not hold, charging nothing', async () => {
    const { charge, provider, eventFor } = setup();
    const event = await eventFor('success', 'order-5');
    const unknown = { ...event, payment: { ...event.payment, token: `tok_${'q'.repeat(24)}` } };
    await expect(charge(unknown)).rejects.toMatchObject({
      name: 'PaymentError',
      declineCode: 'invalid_token',
    });
    expect(provider.chargesMade).toBe(0);
  });

  it('refuses raw payment details: the event must carry a token', async () => {
    const { charge, eventFor } = setup();
    const { payment: _token, ...event } = await eventFor('success', 'order-6');
    const error = await charge({ ...event, paymentDetails: EXAMPLE_ORDERS.success.paymentDetails }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as Error).message).toContain('payment: expected an object');
    expect((error as Error).message).not.toContain('4111');
  });
});
