import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { e2eContext } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { orderLogEntries } from '../support/lambda-log.js';
import { expectReservationMarks, expectStock } from '../support/stock.js';
import { CLAIM, REJECTION, STATES, VERIFY_AND_RESERVE } from '../support/workflow-states.js';

const ctx = e2eContext();

type Order = Record<string, unknown> & { paymentDetails: Record<string, unknown> };

function missingFields(order: Order) {
  const { customerId: _customerId, ...rest } = order;
  const { name: _name, ...paymentDetails } = order.paymentDetails;
  return { ...rest, paymentDetails };
}

const CASES = [
  {
    label: 'missing fields',
    build: missingFields,
    // Every offending field is named, with what was expected.
    causes: [/customerId/, /paymentDetails\.name/],
    // verify-payment refuses the order; its items are valid, so Reserve Stock, beside it, may have
    // taken them first (see ExpectedReservation): whatever it took, the rejection gave back.
    reserved: 'either',
  },
  {
    label: 'a total that does not add up',
    build: (order: Order) => ({ ...order, orderTotal: 2000 }),
    causes: [/orderTotal/, /2250/],
    reserved: 'either',
  },
  {
    label: 'a line of no units',
    build: (order: Order) => {
      const { orderContents } = order as unknown as {
        orderContents: { items: Array<Record<string, unknown>> };
      };
      const [first, ...rest] = orderContents.items;
      return { ...order, orderContents: { items: [{ ...first, quantity: 0 }, ...rest] } };
    },
    causes: [/quantity/, /expected a positive whole number/],
    // Reserve Stock refuses the lines too: nothing is ever reserved, the release only marks the order.
    reserved: false,
  },
] as const;

describe('scenario 5: invalid input', () => {
  it.each(CASES)(
    'rejects $label with a clear error and charges nothing',
    async ({ build, causes, reserved }) => {
      const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
      const before = await ctx.stock(itemIds);

      const execution = await ctx.submit(build(order), 'invalid-input');

      expect(execution.status).toBe('FAILED');
      expect(execution.error).toBe(ERROR_NAMES.InvalidOrder);
      for (const cause of causes) expect(execution.cause).toMatch(cause);
      // The path before the wording: a rejection that was never recorded is the bigger defect.
      expectStates(execution.states, {
        exactly: [...CLAIM, ...VERIFY_AND_RESERVE, ...REJECTION],
        order: [
          [STATES.verifyAndReserve, STATES.releaseRejected],
          [STATES.releaseRejected, STATES.recordRejected],
          [STATES.recordRejected, STATES.notifyRejected],
          [STATES.notifyRejected, STATES.orderRejected],
        ],
      });
      expectReadableReason(execution.cause);
      expect(execution.states).not.toContain(STATES.chargePayment);

      const row = await ctx.orderRow(orderId);
      expect(row).toMatchObject({
        OrderId: orderId,
        State: ORDER_STATES.INVALID_ORDER,
        Reason: execution.cause,
      });
      expect(row?.ChargeId).toBeUndefined();

      expectStock(await ctx.stock(itemIds), before, 'stock after an invalid order');
      expectReservationMarks(row, { reserved, released: true, items: ordered });

      const notification = await ctx.notification(orderId);
      expect(notification.message).toMatchObject({
        orderId,
        state: ORDER_STATES.INVALID_ORDER,
        reason: execution.cause,
      });

      if (ctx.control) {
        const logs = await orderLogEntries(
          ctx.control,
          ctx.target.outputs.functionNames.chargePayment,
          orderId,
        );
        expect(logs, 'charge-payment was never invoked for this order').toEqual([]);
      }
    },
  );
});
