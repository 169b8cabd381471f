import { describe, expect, it } from 'vitest';
import { providerChargeList, providerCharges } from '../../scripts/faults/provider-charges.js';

const line = (fields: object) => JSON.stringify({ level: 'INFO', service: 'charge-payment', ...fields });

describe('providerCharges', () => {
  it('takes the order id and charge id of every invocation that charged, and nothing else', () => {
    const charges = providerCharges([
      line({ message: 'invocation started', correlationId: 'o-1' }),
      line({
        message: 'invocation succeeded',
        correlationId: 'o-1',
        paymentResult: 'SUCCESS',
        chargeId: 'ch_a',
      }),
      line({ message: 'invocation failed', correlationId: 'o-2', error: { name: 'PaymentError' } }),
      'a line the function printed that is not JSON',
      line({
        message: 'invocation succeeded',
        correlationId: 'o-3',
        paymentResult: 'SUCCESS',
        chargeId: 'ch_c',
      }),
    ]);
    expect([...charges]).toEqual([
      ['o-1', 'ch_a'],
      ['o-3', 'ch_c'],
    ]);
  });

  it('refuses a charge line it cannot attribute', () => {
    expect(() =>
      providerCharges([
        line({ message: 'invocation succeeded', paymentResult: 'SUCCESS', chargeId: 'ch_a' }),
      ]),
    ).toThrow(/without correlationId or chargeId/);
  });

  it('lists an order charged twice twice (the idempotency script counts charges per order)', () => {
    const charged = (chargeId: string) =>
      line({ message: 'invocation succeeded', correlationId: 'o-1', paymentResult: 'SUCCESS', chargeId });
    expect(providerChargeList([charged('ch_a'), charged('ch_b')])).toEqual([
      { orderId: 'o-1', chargeId: 'ch_a' },
      { orderId: 'o-1', chargeId: 'ch_b' },
    ]);
  });
});
