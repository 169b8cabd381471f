import { EXAMPLE_ORDERS, InvalidOrderError } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { PaymentDetailsRejectedError } from '../../src/domain/payment-details-rejected-error.js';
import { createVerifyPaymentHandler, handler } from '../../src/handlers/verify-payment.js';
import { createSimulation, NO_SIMULATION, simulationConfigFromEnv } from '../../src/runtime/simulation.js';
import { memoryLogger } from '../support/capture-logs.js';
import { providerWithVault } from '../support/card-vault.js';

const NOW = Date.parse('2026-11-29T12:00:00.000Z');

function setup(simulation = NO_SIMULATION) {
  const logs = memoryLogger('verify-payment');
  const { provider, tokenized } = providerWithVault();
  const verify = createVerifyPaymentHandler({
    verifier: provider,
    clock: { now: () => NOW },
    simulation,
    logger: logs.logger,
  });
  return { verify, logs, tokenized };
}

describe('verify-payment handler', () => {
  it.each(['success', 'successWithQuantities', 'paymentDeclined', 'outOfStock', 'lowStock'] as const)(
    'verifies the %s example',
    async (name) => {
      const { verify, tokenized } = setup();
      const result = await verify(await tokenized(EXAMPLE_ORDERS[name]), { awsRequestId: 'req-1' });
      expect(result).toEqual({
        paymentVerified: true,
        cardType: EXAMPLE_ORDERS[name].paymentDetails.cardType,
        cardLast4: EXAMPLE_ORDERS[name].paymentDetails.cardNumber.slice(-4),
      });
    },
  );

  it.each(['notVerified', 'original'] as const)(
    'throws PaymentDetailsRejected for the %s example',
    async (name) => {
      const { verify, tokenized } = setup();
      const error = await verify(await tokenized(EXAMPLE_ORDERS[name])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaymentDetailsRejectedError);
      expect(error).toMatchObject({
        name: 'PaymentDetailsRejected',
        cardLast4: EXAMPLE_ORDERS[name].paymentDetails.cardNumber.slice(-4),
      });
    },
  );

  it('rejects the original input.json with both reasons as the message, and no card digits', async () => {
    const { verify, logs, tokenized } = setup();
    const error = await verify(await tokenized(EXAMPLE_ORDERS.original)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'PaymentDetailsRejected',
      message: 'Payment details rejected: card number fails the Luhn check; card has expired',
      cardType: 'MASTERCARD',
      cardLast4: '1055',
    });
    const digits = EXAMPLE_ORDERS.original.paymentDetails.cardNumber.replace(/\D/g, '');
    expect(`${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack}`).not.toContain(
      digits,
    );
    expect(logs.lines.join('\n')).not.toContain(digits);
    const failed = logs.entries().find((e) => e.message === 'invocation failed');
    expect(failed?.error).toMatchObject({
      name: 'PaymentDetailsRejected',
      message: 'Payment details rejected: card number fails the Luhn check; card has expired',
    });
  });

  it('throws InvalidOrder for an order that breaks the schema, naming field and value', async () => {
    const { verify, logs, tokenized } = setup();
    const bad = { ...(await tokenized(EXAMPLE_ORDERS.success)), orderTotal: -5 };
    const error = await verify(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as Error).name).toBe('InvalidOrder');
    expect((error as Error).message).toContain('orderTotal: expected a positive number, got -5');
    const failed = logs.entries().find((e) => e.message === 'invocation failed');
    expect(failed?.error).toMatchObject({ name: 'InvalidOrder' });
  });

  it('logs start and finish as JSON lines carrying the order id as correlation id', async () => {
    const { verify, logs, tokenized } = setup();
    await verify(await tokenized(EXAMPLE_ORDERS.success, 'order-123'), { awsRequestId: 'req-9' });
    const entries = logs.entries();
    expect(entries.map((e) => e.message)).toEqual(['invocation started', 'invocation succeeded']);
    for (const e of entries)
      expect(e).toMatchObject({ service: 'verify-payment', correlationId: 'order-123', requestId: 'req-9' });
    expect(entries[1]).toMatchObject({ paymentVerified: true, cardType: 'VISA', cardLast4: '1111' });
  });

  it('rejects valid details when the opt-in simulation says so', async () => {
    const sim = createSimulation(
      simulationConfigFromEnv({ ORDERS_SIMULATE: '1', ORDERS_SIM_PAYMENT_REJECT_RATE: '1' }),
      'verify-payment',
    );
    const { verify, tokenized } = setup(sim);
    await expect(verify(await tokenized(EXAMPLE_ORDERS.success))).rejects.toMatchObject({
      name: 'PaymentDetailsRejected',
      message: 'Payment details rejected: rejected by the simulation',
    });
  });

  it.each([
    ['an unknown token', { token: `tok_${'x'.repeat(24)}` }, 'card token is unknown to the payment provider'],
    ['another brand', { cardType: 'AMEX' }, 'card token is for a VISA card, not AMEX'],
    ['other last four digits', { cardLast4: '0000' }, "card token's last four digits are not 0000"],
  ] as const)('rejects a token that does not match the order: %s', async (_case, change, reason) => {
    const { verify, tokenized } = setup();
    const order = await tokenized(EXAMPLE_ORDERS.success);
    await expect(verify({ ...order, payment: { ...order.payment, ...change } })).rejects.toMatchObject({
      name: 'PaymentDetailsRejected',
      message: `Payment details rejected: ${reason}`,
    });
  });

  it('refuses an order that still carries its payment details (InvalidOrder), never echoing the card', async () => {
    const { verify, tokenized } = setup();
    const raw = {
      ...(await tokenized(EXAMPLE_ORDERS.success)),
      paymentDetails: EXAMPLE_ORDERS.success.paymentDetails,
    };
    const error = await verify(raw).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as Error).message).toContain('paymentDetails');
    expect((error as Error).message).not.toContain('4111');
  });

  it('exports a ready handler reading the vault named by its environment', async () => {
    delete process.env.CARD_VAULT_TABLE_NAME;
    const { tokenized } = setup();
    await expect(
      handler(await tokenized(EXAMPLE_ORDERS.success), { awsRequestId: 'req-real' }),
    ).rejects.toThrow('CARD_VAULT_TABLE_NAME is not set');
  });
});
