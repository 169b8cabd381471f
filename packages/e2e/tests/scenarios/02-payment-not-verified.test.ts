import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { e2eContext, withOrderId } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { orderLogEntries } from '../support/lambda-log.js';
import { ADMISSION, REJECTION, STATES, VERIFY_AND_RETRIEVE } from '../support/workflow-states.js';

const ctx = e2eContext();

describe('scenario 2: payment details not verified', () => {
  it('records and notifies the rejection, charges nothing, and fails with PaymentDetailsRejected', async () => {
    const orderId = ctx.newOrderId();
    // A VISA number declared as AMEX: passes the schema and Luhn, fails verification.
    const order = withOrderId(EXAMPLE_ORDERS.notVerified, orderId);

    const execution = await ctx.submit(order, 'not-verified');

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe(ERROR_NAMES.PaymentDetailsRejected);
    expect(execution.cause).toMatch(/^Payment details rejected: .+/);
    expectReadableReason(execution.cause);
    expectStates(execution.states, {
      exactly: [...ADMISSION, ...VERIFY_AND_RETRIEVE, STATES.paymentVerified, ...REJECTION],
      order: [
        [STATES.paymentVerified, STATES.recordRejected],
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
  });
});
