import { TEST_CARDS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { DuplicateOrderError } from '../../src/domain/duplicate-order-error.js';
import { PaymentError } from '../../src/domain/payment-error.js';
import type { ChargeRequest } from '../../src/domain/payment-provider.js';
import {
  SimulatedPaymentProvider,
  type SimulatedPaymentProviderOptions,
} from '../../src/domain/simulated-payment-provider.js';
import { memoryCardVault } from '../support/card-vault.js';

// One vault for the tests: each card number is kept once, under a token derived from its digits.
const vault = memoryCardVault();
const tokenOf = (number: string) =>
  `tok_${number.replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? '')}`.slice(0, 28);

async function vaulted(number: string, expiration = '12/30', holderName = 'Jane Roe'): Promise<string> {
  const token = tokenOf(number);
  if ((await vault.get(token)) === undefined) {
    await vault.put(
      { token, cardType: 'VISA', cardLast4: number.slice(-4), holderName, number, expiration },
      new Date(0).toISOString(),
    );
  }
  return token;
}

const newProvider = (options: SimulatedPaymentProviderOptions = {}) =>
  new SimulatedPaymentProvider({ vault, ...options });

async function request(overrides: Partial<ChargeRequest> & { number?: string } = {}): Promise<ChargeRequest> {
  return {
    idempotencyKey: overrides.idempotencyKey ?? 'order-1',
    customerId: overrides.customerId ?? 'c-1',
    amountCents: overrides.amountCents ?? 225000,
    token: overrides.token ?? (await vaulted(overrides.number ?? '4111111111111111')),
  };
}

describe('SimulatedPaymentProvider', () => {
  it('approves a normal card with a charge id derived from the order id', async () => {
    const provider = newProvider();
    const receipt = await provider.charge(await request());
    expect(receipt).toEqual({
      chargeId: expect.stringMatching(/^ch_[a-z]{24}$/),
      amountCents: 225000,
      replayed: false,
    });
    const other = await newProvider().charge(await request());
    expect(other.chargeId).toBe(receipt.chargeId);
  });

  it.each(TEST_CARDS.filter((c) => c.outcome !== 'approve'))(
    'declines test card $cardNumber with $outcome',
    async (card) => {
      const provider = newProvider();
      const error = await provider
        .charge(await request({ number: card.cardNumber.replace(/\D/g, '') }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaymentError);
      expect(error).toMatchObject({ name: 'PaymentError', declineCode: card.outcome });
      const last4 = card.cardNumber.slice(-4);
      expect((error as Error).message).toBe(`card **** ${last4} was declined: ${card.outcome}`);
      expect(provider.chargesMade).toBe(0);
    },
  );

  it('charges once per idempotency key and replays the first result', async () => {
    const provider = newProvider();
    const first = await provider.charge(await request());
    const second = await provider.charge(await request());
    expect(second).toEqual({ ...first, replayed: true });
    expect(provider.chargesMade).toBe(1);
  });

  it('replays a decline for the same key, even when random declines would now approve', async () => {
    let decline = true;
    const provider = newProvider({ randomDecline: () => decline });
    const first = await provider.charge(await request()).catch((e: unknown) => e);
    decline = false;
    const second = await provider.charge(await request()).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(PaymentError);
    expect((first as PaymentError).declineCode).toBe('simulated_decline');
    expect(second).toBe(first);
    expect(provider.chargesMade).toBe(0);
  });

  it('declines a token its vault does not hold (invalid_token), charging nothing', async () => {
    const provider = newProvider();
    const error = await provider
      .charge(await request({ token: `tok_${'z'.repeat(24)}` }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PaymentError', declineCode: 'invalid_token' });
    expect(provider.chargesMade).toBe(0);
  });

  it('verifies the card behind a token, with every rule the raw details had, and no card digits', async () => {
    const provider = newProvider();
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(await provider.verify(await vaulted('4242424242424242'), now)).toEqual({
      paymentVerified: true,
      cardType: 'VISA',
      cardLast4: '4242',
    });
    const expiredAndBad = await provider.verify(await vaulted('4111111111111112', '01/20'), now);
    expect(expiredAndBad).toEqual({
      paymentVerified: false,
      reason: 'card number fails the Luhn check; card has expired',
      cardType: 'VISA',
      cardLast4: '1112',
    });
    expect(await provider.verify(`tok_${'y'.repeat(24)}`, now)).toBeUndefined();
  });

  it('tokenizes into its vault: tok_ and 24 letters, the card kept digits only', async () => {
    const own = memoryCardVault();
    const provider = new SimulatedPaymentProvider({ vault: own });
    const token = await provider.tokenize({
      holderName: 'Jane Roe',
      cardType: 'MASTERCARD',
      number: '5555 5555 5555 4444',
      expiration: '12/30',
    });
    expect(token).toEqual({
      token: expect.stringMatching(/^tok_[a-z]{24}$/),
      cardType: 'MASTERCARD',
      cardLast4: '4444',
    });
    expect(own.cards.get(token.token)).toMatchObject({ number: '5555555555554444', expiration: '12/30' });
  });

  it('refuses to reuse a key for a different amount or card (DuplicateOrder)', async () => {
    const provider = newProvider();
    await provider.charge(await request());
    const error = await provider.charge(await request({ amountCents: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateOrderError);
    expect((error as Error).name).toBe('DuplicateOrder');
    expect(provider.chargesMade).toBe(1);
  });
});
