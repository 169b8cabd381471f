import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { e2eContext } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { orderLogEntries } from '../support/lambda-log.js';
import { expectReservationMarks, expectStock } from '../support/stock.js';
import { CLAIM, REJECTION, STATES, VERIFY_AND_RESERVE } from '../support/workflow-states.js';

const ctx = e2eContext();

describe('scenario 2: payment details not verified', () => {
  it('records and notifies the rejection, charges nothing, gives the stock back, and fails with PaymentDetailsRejected', async () => {
    // A VISA number declared as AMEX: passes the schema and Luhn, fails verification.
    const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.notVerified);
    const before = await ctx.stock(itemIds);

    const execution = await ctx.submit(order);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe(ERROR_NAMES.PaymentDetailsRejected);
    // The verification's reason: the brand of the number against the declared card type.
    expect(execution.cause).toMatch(/VISA.*AMEX/);
    expectReadableReason(execution.cause);
    expectStates(execution.states, {
      exactly: [...CLAIM, ...VERIFY_AND_RESERVE, ...REJECTION],
      order: [
        [STATES.verifyAndReserve, STATES.releaseRejected],
        [STATES.releaseRejected, STATES.recordRejected],
        [STATES.recordRejected, STATES.notifyRejected],
        [STATES.notifyRejected, STATES.orderRejected],
      ],
    });

    const row = await ctx.orderRow(orderId);
    expect(row).toMatchObject({
      OrderId: orderId,
      State: ORDER_STATES.PAYMENT_DETAILS_REJECTED,
      CustomerId: order.customerId,
      OrderTotal: order.orderTotal,
      Reason: execution.cause,
    });
    expect(row?.ChargeId).toBeUndefined();

    // Reserve Stock ran beside the verification: whatever it took, the rejection gave back.
    expectStock(await ctx.stock(itemIds), before, 'stock after a rejected order');
    expectReservationMarks(row, { reserved: 'either', released: true, items: ordered });

    const notification = await ctx.notification(orderId);
    expect(notification.message).toMatchObject({
      orderId,
      state: ORDER_STATES.PAYMENT_DETAILS_REJECTED,
      customerId: order.customerId,
      reason: execution.cause,
    });
    expect(notification.message).not.toHaveProperty('chargeId');

    if (ctx.control) {
      const logs = await orderLogEntries(
        ctx.control,
        ctx.target.outputs.functionNames.chargePayment,
        orderId,
      );
      expect(logs, 'charge-payment was never invoked for this order').toEqual([]);
    }
    await ctx.expectNoCardData(orderId);
  });
});
