import { EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { taskFailures } from '../../src/index.js';
import { e2eContext, skipReason } from '../support/e2e-context.js';
import { expectStates } from '../support/expect-states.js';
import { chargesIn, orderLogEntries } from '../support/lambda-log.js';
import { expectReservationMarks, expectStock, reducedBy } from '../support/stock.js';
import { CLAIM, PROCESSED, STATES, VERIFY_AND_RESERVE } from '../support/workflow-states.js';

const ctx = e2eContext();
const NO_FAULTS = ctx.control === undefined;
if (NO_FAULTS) skipReason('scenario 7 needs fault injection, which only the local stack offers');

describe.skipIf(NO_FAULTS)('scenario 7: a transient Lambda failure is retried', () => {
  it.each([
    { label: 'charge-payment', fn: 'chargePayment', state: STATES.chargePayment },
    { label: 'verify-payment', fn: 'verifyPayment', state: STATES.verifyPayment },
    { label: 'reserve-stock', fn: 'reserveStock', state: STATES.reserveStock },
  ] as const)(
    'retries $label after a Lambda.ServiceException and the order succeeds',
    async ({ fn, state }) => {
      const control = ctx.control!;
      const functionName = ctx.target.outputs.functionNames[fn];
      const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
      const before = await ctx.stock(itemIds);

      await control.injectFault(functionName, {
        count: 1,
        error: 'Lambda.ServiceException',
        cause: 'injected',
      });
      const execution = await ctx.submit(order);

      expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
      // One failure, then the same Task invoked the same function again (a retry: the state is entered once).
      expect(taskFailures(execution.history)).toEqual([
        expect.objectContaining({ error: 'Lambda.ServiceException' }),
      ]);
      const invocations = execution.history.filter((e) =>
        e.taskScheduledEventDetails?.parameters?.includes(functionName),
      );
      expect(invocations).toHaveLength(2);
      expect(execution.states.filter((s) => s === state)).toHaveLength(1);
      expectStates(execution.states, { exactly: [...CLAIM, ...VERIFY_AND_RESERVE, ...PROCESSED] });

      const row = await ctx.orderRow(orderId);
      expect(row).toMatchObject({ OrderId: orderId, State: ORDER_STATES.PAYMENT_PROCESSED });
      // Sold once: a retried step reserves nothing twice.
      expectStock(await ctx.stock(itemIds), reducedBy(before, ordered), 'stock after a processed order');
      expectReservationMarks(row, { reserved: true, released: false, items: ordered });
      const notification = await ctx.notification(orderId);
      expect(notification.message).toMatchObject({ orderId, state: ORDER_STATES.PAYMENT_PROCESSED });

      const logs = await orderLogEntries(control, ctx.target.outputs.functionNames.chargePayment, orderId);
      expect(chargesIn(logs).charges).toBe(1);
      await ctx.expectNoCardData(orderId);
    },
  );
});
