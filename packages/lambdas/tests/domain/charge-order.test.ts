import { describe, expect, it } from 'vitest';
import { chargeOrder } from '../../src/domain/charge-order.js';
import type { ChargeRequest, PaymentProvider } from '../../src/domain/payment-provider.js';

describe('chargeOrder', () => {
  it('charges the total in cents to the token, with the order id as idempotency key', async () => {
    const seen: ChargeRequest[] = [];
    const provider: PaymentProvider = {
      charge: async (r) => {
        seen.push(r);
        return { chargeId: 'ch_1', amountCents: r.amountCents, replayed: false };
      },
    };
    const result = await chargeOrder(
      {
        orderId: 'o-1',
        customerId: 'c-1',
        orderTotal: 0.1 + 0.2,
        payment: { token: `tok_${'a'.repeat(24)}`, cardType: 'VISA', cardLast4: '1111' },
      },
      provider,
    );
    expect(result.paymentResult).toBe('SUCCESS');
    expect(result.chargeId).toBe('ch_1');
    expect(seen[0]).toMatchObject({
      idempotencyKey: 'o-1',
      amountCents: 30,
      token: `tok_${'a'.repeat(24)}`,
    });
  });
});
