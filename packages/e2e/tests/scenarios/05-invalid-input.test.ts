import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { e2eContext, withOrderId } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { orderLogEntries } from '../support/lambda-log.js';
import { ADMISSION, REJECTION, STATES, VERIFY_AND_RETRIEVE } from '../support/workflow-states.js';

const ctx = e2eContext();

function missingFields(orderId: string) {
  const { customerId: _customerId, ...order } = withOrderId(EXAMPLE_ORDERS.success, orderId);
  const { name: _name, ...paymentDetails } = order.paymentDetails;
  return { ...order, paymentDetails };
}

const CASES = [
  {
    label: 'missing fields',
    build: missingFields,
    // Every offending field is named, with what was expected.
    causes: [/customerId/, /paymentDetails\.name/],
  },
  {
    label: 'a total that does not add up',
    build: (orderId: string) => ({ ...withOrderId(EXAMPLE_ORDERS.success, orderId), orderTotal: 2000 }),
    causes: [/orderTotal/, /2250/],
  },
] as const;

describe('scenario 5: invalid input', () => {
  it.each(CASES)('rejects $label with a clear error and charges nothing', async ({ build, causes }) => {
    const orderId = ctx.newOrderId();

    const execution = await ctx.submit(build(orderId), 'invalid-input');

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe(ERROR_NAMES.InvalidOrder);
    for (const cause of causes) expect(execution.cause).toMatch(cause);
    // The path before the wording: a rejection that was never recorded is the bigger defect.
    expectStates(execution.states, {
      exactly: [...ADMISSION, ...VERIFY_AND_RETRIEVE, ...REJECTION],
      order: [
        [STATES.verifyAndRetrieve, STATES.recordRejected],
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
  });
});
