import { TEST_CARDS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { DuplicateOrderError } from '../../src/domain/duplicate-order-error.js';
import { PaymentError } from '../../src/domain/payment-error.js';
import type { ChargeRequest } from '../../src/domain/payment-provider.js';
import { SimulatedPaymentProvider } from '../../src/domain/simulated-payment-provider.js';

const request = (overrides: Partial<ChargeRequest> & { number?: string } = {}): ChargeRequest => ({
  idempotencyKey: overrides.idempotencyKey ?? 'order-1',
  customerId: overrides.customerId ?? 'c-1',
  amountCents: overrides.amountCents ?? 225000,
  card: {
    holderName: 'Jane Roe',
    cardType: 'VISA',
    number: overrides.number ?? '4111111111111111',
    expiration: '12/30',
  },
});

describe('SimulatedPaymentProvider', () => {
  it('approves a normal card with a charge id derived from the order id', async () => {
    const provider = new SimulatedPaymentProvider();
    const receipt = await provider.charge(request());
    expect(receipt).toEqual({
      chargeId: expect.stringMatching(/^ch_[a-z]{24}$/),
      amountCents: 225000,
      replayed: false,
    });
    const other = await new SimulatedPaymentProvider().charge(request());
    expect(other.chargeId).toBe(receipt.chargeId);
  });

  it.each(TEST_CARDS.filter((c) => c.outcome !== 'approve'))(
    'declines test card $cardNumber with $outcome',
    async (card) => {
      const provider = new SimulatedPaymentProvider();
      const error = await provider
        .charge(request({ number: card.cardNumber.replace(/\D/g, '') }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaymentError);
      expect(error).toMatchObject({ name: 'PaymentError', declineCode: card.outcome });
      const last4 = card.cardNumber.slice(-4);
      expect((error as Error).message).toBe(`card **** ${last4} was declined: ${card.outcome}`);
      expect(provider.chargesMade).toBe(0);
    },
  );

  it('charges once per idempotency key and replays the first result', async () => {
    const provider = new SimulatedPaymentProvider();
    const first = await provider.charge(request());
    const second = await provider.charge(request());
    expect(second).toEqual({ ...first, replayed: true });
    expect(provider.chargesMade).toBe(1);
  });

  it('replays a decline for the same key, even when random declines would now approve', async () => {
    let decline = true;
    const provider = new SimulatedPaymentProvider({ randomDecline: () => decline });
    const first = await provider.charge(request()).catch((e: unknown) => e);
    decline = false;
    const second = await provider.charge(request()).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(PaymentError);
    expect((first as PaymentError).declineCode).toBe('simulated_decline');
    expect(second).toBe(first);
    expect(provider.chargesMade).toBe(0);
  });

  it('refuses to reuse a key for a different amount or card (DuplicateOrder)', async () => {
    const provider = new SimulatedPaymentProvider();
    await provider.charge(request());
    const error = await provider.charge(request({ amountCents: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateOrderError);
    expect((error as Error).name).toBe('DuplicateOrder');
    expect(provider.chargesMade).toBe(1);
  });
});
