import { EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { e2eContext } from '../support/e2e-context.js';
import { expectStates } from '../support/expect-states.js';
import { chargesIn, orderLogEntries } from '../support/lambda-log.js';
import { expectReservationMarks, expectStock, reducedBy } from '../support/stock.js';
import { CLAIM, PROCESSED, STATES, VERIFY_AND_RESERVE } from '../support/workflow-states.js';

const ctx = e2eContext();

/** EXAMPLE_ORDERS.success with quantities, and one item on two lines (2 + 3 Macbooks, 1 iPhone, 4 iPads). */
const WITH_QUANTITIES = {
  ...EXAMPLE_ORDERS.success,
  orderContents: {
    items: [
      { itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook', quantity: 2 },
      { itemId: 'item-g7b2q', price: 500, itemDescription: 'iPhone' },
      { itemId: 'item-p4c97', price: 750, itemDescription: 'iPad', quantity: 4 },
      { itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook', quantity: 3 },
    ],
  },
  orderTotal: 8500,
};

const CASES = [
  { label: 'one of each item', example: EXAMPLE_ORDERS.success },
  { label: 'quantities, one item on two lines', example: WITH_QUANTITIES },
] as const;

describe('scenario 1: a valid order succeeds', () => {
  it.each(CASES)(
    'charges, records PAYMENT_PROCESSED, notifies and sells the stock ($label)',
    async ({ example }) => {
      const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(example);
      const before = await ctx.stock(itemIds);

      const execution = await ctx.submit(order);

      // The API took the order under the id it was given and started its execution under that name.
      expect(execution.accepted.location).toBe(`/orders/${encodeURIComponent(orderId)}`);
      expect(execution.orderId).toBe(orderId);
      expect(execution.status, execution.cause).toBe('SUCCEEDED');
      expectStates(execution.states, {
        exactly: [...CLAIM, ...VERIFY_AND_RESERVE, ...PROCESSED],
        order: [
          [STATES.claimOrder, STATES.verifyAndReserve],
          [STATES.reserveStock, STATES.chargePayment],
          [STATES.chargePayment, STATES.recordProcessed],
          [STATES.recordProcessed, STATES.notifyProcessed],
        ],
      });

      const row = await ctx.orderRow(orderId);
      expect(row).toMatchObject({
        OrderId: orderId,
        State: ORDER_STATES.PAYMENT_PROCESSED,
        CustomerId: order.customerId,
        OrderTotal: order.orderTotal,
        CardType: 'VISA',
        CardLast4: '1111',
        ChargeId: expect.any(String),
      });
      expect(JSON.parse(row?.Items as string)).toEqual(
        order.orderContents.items.map((item) => ({ ...item, quantity: item.quantity ?? 1 })),
      );
      expect(row?.Reason).toBeUndefined();

      // The sale keeps the reservation: every item down by what was ordered of it, nothing given back.
      expectStock(await ctx.stock(itemIds), reducedBy(before, ordered), 'stock after a processed order');
      expectReservationMarks(row, { reserved: true, released: false, items: ordered });

      const notification = await ctx.notification(orderId);
      expect(notification.message).toMatchObject({
        orderId,
        state: ORDER_STATES.PAYMENT_PROCESSED,
        customerId: order.customerId,
        orderTotal: order.orderTotal,
        chargeId: row?.ChargeId,
        cardLast4: '1111',
      });

      if (ctx.control) {
        const { functionNames } = ctx.target.outputs;
        const charged = chargesIn(await orderLogEntries(ctx.control, functionNames.chargePayment, orderId));
        expect(charged.charges).toBe(1);
        expect(charged.chargeIds).toHaveLength(1);

        // Every Lambda's log lines for this order carry its id, so an operator can follow one order.
        for (const fn of [
          functionNames.verifyPayment,
          functionNames.reserveStock,
          functionNames.chargePayment,
        ]) {
          const messages = (await orderLogEntries(ctx.control, fn, orderId)).map((e) => e.message);
          expect(messages, fn).toEqual(
            expect.arrayContaining(['invocation started', 'invocation succeeded']),
          );
        }
        // A sold order gives nothing back.
        expect(
          await orderLogEntries(ctx.control, functionNames.releaseStock, orderId),
          'release-stock was never invoked for this order',
        ).toEqual([]);
      }
      await ctx.expectNoCardData(orderId);
    },
  );
});
