import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FinishedExecution, taskFailures } from '../../src/index.js';
import { e2eContext, type StockedOrder } from '../support/e2e-context.js';
import { expectReadableReason } from '../support/expect-readable.js';
import { expectStates } from '../support/expect-states.js';
import { chargesIn, orderLogEntries } from '../support/lambda-log.js';
import { expectReservationMarks, expectStock } from '../support/stock.js';
import { CLAIM, DECLINED, STATES, VERIFY_AND_RESERVE } from '../support/workflow-states.js';

const ctx = e2eContext();

describe('scenario 4: payment declined', () => {
  // A test card the simulated provider always declines (card_declined).
  let stocked: StockedOrder;
  let before: Record<string, number | undefined>;
  let execution: FinishedExecution;

  beforeAll(async () => {
    stocked = await ctx.stockedOrder(EXAMPLE_ORDERS.paymentDeclined);
    before = await ctx.stock(stocked.itemIds);
    execution = await ctx.submit(stocked.order);
  });

  it('catches PaymentError from Charge Payment, gives the stock back, and records and notifies the failure', async () => {
    const { order, orderId, itemIds, ordered } = stocked;
    expect(taskFailures(execution.history).map((f) => f.error)).toEqual([ERROR_NAMES.PaymentError]);
    expectStates(execution.states, {
      exactly: [...CLAIM, ...VERIFY_AND_RESERVE, STATES.chargePayment, ...DECLINED],
      order: [
        [STATES.reserveStock, STATES.chargePayment],
        [STATES.chargePayment, STATES.releaseDeclined],
        [STATES.releaseDeclined, STATES.recordDeclined],
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

    // The stock was reserved before the charge and given back after the decline.
    expectStock(await ctx.stock(itemIds), before, 'stock after a declined order');
    expectReservationMarks(row, { reserved: true, released: true, items: ordered });

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
    await ctx.expectNoCardData(orderId);
  });

  it('ends SUCCEEDED: a declined payment is an outcome, not a workflow failure', () => {
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    expect(execution.error).toBeUndefined();
    expect(execution.output).toMatchObject({ orderId: stocked.orderId, state: ORDER_STATES.PAYMENT_FAILED });
  });
});
