import { EXAMPLE_ORDERS, type PaymentDetails, TEST_CARDS } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { type PaymentDetailsVerdict, verifyPaymentDetails } from '../../src/domain/verify-payment-details.js';

const NOW = Date.parse('2026-11-29T12:00:00.000Z');
const details = (overrides: Partial<PaymentDetails> = {}): PaymentDetails => ({
  name: 'Jane Roe',
  cardType: 'VISA',
  cardNumber: '4111 1111 1111 1111',
  expiration: '12/30',
  ...overrides,
});

const reasonOf = (verdict: PaymentDetailsVerdict) => ('reason' in verdict ? verdict.reason : undefined);

describe('verifyPaymentDetails', () => {
  it('verifies every test card with its own brand (declining cards verify too: declines happen at charge)', () => {
    for (const card of TEST_CARDS) {
      const result = verifyPaymentDetails(
        details({ cardType: card.cardType, cardNumber: card.cardNumber }),
        NOW,
      );
      expect(result, card.cardNumber).toEqual({
        paymentVerified: true,
        cardType: card.cardType,
        cardLast4: card.cardNumber.replace(/\D/g, '').slice(-4),
      });
    }
  });

  it('rejects the original input.json card: fails Luhn and expired 08/26', () => {
    const result = verifyPaymentDetails(EXAMPLE_ORDERS.original.paymentDetails, NOW);
    expect(result).toEqual({
      paymentVerified: false,
      reason: 'card number fails the Luhn check; card has expired',
      cardType: 'MASTERCARD',
      cardLast4: '1055',
    });
  });

  it('rejects the original card even before it expired, on Luhn alone', () => {
    const result = verifyPaymentDetails(
      EXAMPLE_ORDERS.original.paymentDetails,
      Date.parse('2026-08-31T23:00:00Z'),
    );
    expect(reasonOf(result)).toBe('card number fails the Luhn check');
  });

  it('rejects a brand mismatch', () => {
    const result = verifyPaymentDetails(
      details({ cardType: 'AMEX', cardNumber: '4242 4242 4242 4242' }),
      NOW,
    );
    expect(result.paymentVerified).toBe(false);
    expect(reasonOf(result)).toBe('card number is a VISA number, not AMEX');
  });

  it('rejects a Luhn-valid number that belongs to no brand', () => {
    const result = verifyPaymentDetails(details({ cardNumber: '1234 5678 9012 3452' }), NOW);
    expect(reasonOf(result)).toBe('card number matches no known brand, expected VISA');
  });

  it('rejects an expired card and accepts it on the last day of its month', () => {
    expect(reasonOf(verifyPaymentDetails(details({ expiration: '10/26' }), NOW))).toBe('card has expired');
    expect(verifyPaymentDetails(details({ expiration: '11/26' }), NOW).paymentVerified).toBe(true);
  });

  it('rejects a holder name without any letter', () => {
    expect(reasonOf(verifyPaymentDetails(details({ name: '--' }), NOW))).toBe('card holder name is missing');
    expect(verifyPaymentDetails(details({ name: 'Zoë Ñúñez' }), NOW).paymentVerified).toBe(true);
  });

  it('accepts card numbers written with spaces or dashes', () => {
    expect(verifyPaymentDetails(details({ cardNumber: '4111-1111-1111-1111' }), NOW).paymentVerified).toBe(
      true,
    );
  });

  it('never puts card digits or the expiry into the reason', () => {
    const result = verifyPaymentDetails(
      details({ cardType: 'MASTERCARD', cardNumber: '4000 0000 0000 0003', expiration: '01/20' }),
      NOW,
    );
    expect(reasonOf(result)).not.toMatch(/\d{4}|01\/20/);
  });
});
