import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { orderRows } from '../../src/index.js';
import { e2eContext, withOrderId } from '../support/e2e-context.js';
import { expectStates } from '../support/expect-states.js';
import { chargesIn, orderLogEntries } from '../support/lambda-log.js';
import { ADMISSION, STATES } from '../support/workflow-states.js';

const ctx = e2eContext();

describe('scenario 6: the same order submitted twice', () => {
  it('charges once and writes one row; the resubmission returns the recorded order', async () => {
    const orderId = ctx.newOrderId();
    const order = withOrderId(EXAMPLE_ORDERS.success, orderId);

    const first = await ctx.submit(order, 'duplicate-first');
    const second = await ctx.submit(order, 'duplicate-second');

    expect(first.name).not.toBe(second.name);
    expect(first.status, first.cause).toBe('SUCCEEDED');
    expect(second.status, second.cause).toBe('SUCCEEDED');
    expect(first.states).toContain(STATES.chargePayment);
    expectStates(second.states, { exactly: [...ADMISSION, STATES.returnRecorded] });

    const rows = await orderRows(ctx.clients.dynamodb, ctx.target.outputs.ordersTableName, orderId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ State: ORDER_STATES.PAYMENT_PROCESSED, ChargeId: expect.any(String) });
    expect(second.output).toMatchObject({
      orderId,
      state: ORDER_STATES.PAYMENT_PROCESSED,
      chargeId: row?.ChargeId,
    });

    // The first run notifies; the resubmission adds nothing (wait a little to see no second message).
    const notifications = await ctx.notifications(orderId, { settleMs: 3_000 });
    expect(notifications.map((n) => n.message)).toEqual([
      expect.objectContaining({ orderId, state: ORDER_STATES.PAYMENT_PROCESSED, chargeId: row?.ChargeId }),
    ]);

    if (ctx.control) {
      const logs = await orderLogEntries(
        ctx.control,
        ctx.target.outputs.functionNames.chargePayment,
        orderId,
      );
      expect(chargesIn(logs).charges).toBe(1);
    }
  });

  it('lets one of two simultaneous submissions through; the other fails as DuplicateOrder', async () => {
    const orderId = ctx.newOrderId();
    const order = withOrderId(EXAMPLE_ORDERS.success, orderId);

    const runs = await Promise.all([ctx.submit(order, 'concurrent-a'), ctx.submit(order, 'concurrent-b')]);

    expect(runs.map((r) => r.status).sort()).toEqual(['FAILED', 'SUCCEEDED']);
    const loser = runs.find((r) => r.status === 'FAILED');
    expect(loser?.error).toBe(ERROR_NAMES.DuplicateOrder);
    expect(loser?.cause).toContain(orderId);
    const rows = await orderRows(ctx.clients.dynamodb, ctx.target.outputs.ordersTableName, orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ State: ORDER_STATES.PAYMENT_PROCESSED });
    const notifications = await ctx.notifications(orderId, { settleMs: 3_000 });
    expect(notifications).toHaveLength(1);

    if (ctx.control) {
      // Both runs may reach Charge Payment before either writes; the orderId is the provider's idempotency
      // key, so one charge id exists for the order. (Two sandboxes may each log a charge: the simulated
      // provider keeps idempotency keys per Lambda instance, a real one keeps them server-side.)
      const logs = await orderLogEntries(
        ctx.control,
        ctx.target.outputs.functionNames.chargePayment,
        orderId,
      );
      expect(chargesIn(logs).chargeIds).toHaveLength(1);
    }
  });
});
