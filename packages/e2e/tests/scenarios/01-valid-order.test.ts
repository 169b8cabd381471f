import { EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { e2eContext, withOrderId } from '../support/e2e-context.js';
import { expectStates } from '../support/expect-states.js';
import { chargesIn, orderLogEntries } from '../support/lambda-log.js';
import { ADMISSION, STATES, STOCK_CHECK_PASSED, VERIFY_AND_RETRIEVE } from '../support/workflow-states.js';

const ctx = e2eContext();

describe('scenario 1: a valid order succeeds', () => {
  it('charges, records PAYMENT_PROCESSED and notifies', async () => {
    const orderId = ctx.newOrderId();
    const order = withOrderId(EXAMPLE_ORDERS.success, orderId);

    const execution = await ctx.submit(order, 'valid-order');

    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expectStates(execution.states, {
      exactly: [
        ...ADMISSION,
        ...VERIFY_AND_RETRIEVE,
        STATES.paymentVerified,
        ...STOCK_CHECK_PASSED,
        STATES.chargePayment,
        STATES.recordProcessed,
        STATES.notifyProcessed,
      ],
      order: [
        [STATES.verifyAndRetrieve, STATES.chargePayment],
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
      order.orderContents.items.map((item) => ({ ...item, quantity: 1 })),
    );
    expect(row?.Reason).toBeUndefined();

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
      const charged = chargesIn(
        await orderLogEntries(ctx.control, ctx.target.outputs.functionNames.chargePayment, orderId),
      );
      expect(charged.charges).toBe(1);
      expect(charged.chargeIds).toHaveLength(1);

      // Every Lambda's log lines for this order carry its id, so an operator can follow one order.
      const { functionNames } = ctx.target.outputs;
      for (const fn of [
        functionNames.verifyPayment,
        functionNames.retrieveStock,
        functionNames.chargePayment,
      ]) {
        const messages = (await orderLogEntries(ctx.control, fn, orderId)).map((e) => e.message);
        expect(messages, fn).toEqual(expect.arrayContaining(['invocation started', 'invocation succeeded']));
      }
    }
  });
});
