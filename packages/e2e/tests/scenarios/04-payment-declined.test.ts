import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FinishedExecution, taskFailures } from '../../src/index.js';
import { e2eContext, withOrderId } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { chargesIn, orderLogEntries } from '../support/lambda-log.js';
import { ADMISSION, STATES, STOCK_CHECK_PASSED, VERIFY_AND_RETRIEVE } from '../support/workflow-states.js';

const ctx = e2eContext();

describe('scenario 4: payment declined', () => {
  const orderId = ctx.newOrderId();
  // A test card the simulated provider always declines (card_declined).
  const order = withOrderId(EXAMPLE_ORDERS.paymentDeclined, orderId);
  let execution: FinishedExecution;

  beforeAll(async () => {
    execution = await ctx.submit(order, 'payment-declined');
  });

  it('catches PaymentError from Charge Payment and records and notifies the failure', async () => {
    expect(taskFailures(execution.history).map((f) => f.error)).toEqual([ERROR_NAMES.PaymentError]);
    expectStates(execution.states, {
      exactly: [
        ...ADMISSION,
        ...VERIFY_AND_RETRIEVE,
        STATES.paymentVerified,
        ...STOCK_CHECK_PASSED,
        STATES.chargePayment,
        STATES.recordDeclined,
        STATES.notifyDeclined,
      ],
      order: [
        [STATES.chargePayment, STATES.recordDeclined],
        [STATES.recordDeclined, STATES.notifyDeclined],
      ],
    });

    const row = await ctx.orderRow(orderId);
    expect(row).toMatchObject({
      OrderId: orderId,
      State: ORDER_STATES.PAYMENT_FAILED,
      CustomerId: order.customerId,
      OrderTotal: order.orderTotal,
      CardLast4: '0002',
    });
    expect(row?.Reason).toContain('declined');
    expectReadableReason(row?.Reason);
    expect(row?.ChargeId).toBeUndefined();

    const notification = await ctx.notification(orderId);
    expect(notification.message).toMatchObject({ orderId, state: ORDER_STATES.PAYMENT_FAILED });
    expect((notification.message as { reason?: string }).reason).toContain('declined');
    expect(notification.message).not.toHaveProperty('chargeId');

    if (ctx.control) {
      const logs = await orderLogEntries(
        ctx.control,
        ctx.target.outputs.functionNames.chargePayment,
        orderId,
      );
      expect(chargesIn(logs)).toEqual({ charges: 0, chargeIds: [] });
      expect(logs.map((e) => e.message)).toEqual(['invocation started', 'invocation failed']);
    }
  });

  it('ends SUCCEEDED: a declined payment is an outcome, not a workflow failure', () => {
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    expect(execution.error).toBeUndefined();
    expect(execution.output).toMatchObject({ orderId, state: ORDER_STATES.PAYMENT_FAILED });
  });
});
