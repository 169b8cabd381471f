import { describe, expect, it } from 'vitest';
import { normalizeCardNumber } from '../src/card.js';
import { EXAMPLE_ORDERS, INVENTORY_FIXTURE } from '../src/examples.js';
import { parseOrderInput } from '../src/parse-order-input.js';
import { TEST_CARDS } from '../src/test-cards.js';

const stock = new Map<string, number>(INVENTORY_FIXTURE.map((i) => [i.itemId, i.quantityInStock]));

describe('examples', () => {
  it('keeps the original three items in stock, plus one out-of-stock and one low-stock item', () => {
    for (const id of ['item-c9f4x', 'item-g7b2q', 'item-p4c97']) expect(stock.get(id)).toBeGreaterThan(5);
    expect(INVENTORY_FIXTURE.filter((i) => i.quantityInStock === 0)).toHaveLength(1);
    expect(INVENTORY_FIXTURE.filter((i) => i.quantityInStock > 0 && i.quantityInStock <= 2)).toHaveLength(1);
  });

  it('routes each example the way its name says (by stock)', () => {
    const short = (name: keyof typeof EXAMPLE_ORDERS) =>
      parseOrderInput(EXAMPLE_ORDERS[name]).orderContents.items.some(
        (i) => (stock.get(i.itemId) ?? 0) < i.quantity,
      );
    expect(short('outOfStock')).toBe(true);
    expect(short('lowStock')).toBe(true);
    for (const name of ['success', 'successWithQuantities', 'paymentDeclined', 'notVerified'] as const) {
      expect(short(name)).toBe(false);
    }
  });

  it('uses a declining test card for paymentDeclined and approving ones for the successes', () => {
    const outcome = (n: string) =>
      TEST_CARDS.find((c) => normalizeCardNumber(c.cardNumber) === normalizeCardNumber(n))?.outcome;
    expect(outcome(EXAMPLE_ORDERS.paymentDeclined.paymentDetails.cardNumber)).toBe('card_declined');
    expect(outcome(EXAMPLE_ORDERS.success.paymentDetails.cardNumber)).toBe('approve');
    expect(outcome(EXAMPLE_ORDERS.successWithQuantities.paymentDetails.cardNumber)).toBe('approve');
  });

  it('keeps the original input.json verbatim', () => {
    expect(EXAMPLE_ORDERS.original.paymentDetails).toEqual({
      name: 'John Doe',
      cardType: 'MASTERCARD',
      cardNumber: '5192 7402 9672 1055',
      expiration: '08/26',
    });
    expect(EXAMPLE_ORDERS.original.orderTotal).toBe(2250);
  });
});
