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

    if (ctx.control) {
      // Counted across both executions, replays by the provider excluded: a second charge shows here
      // even when the resubmission goes on to fail.
      const logs = await orderLogEntries(
        ctx.control,
        ctx.target.outputs.functionNames.chargePayment,
        orderId,
      );
      expect(chargesIn(logs).charges, 'successful charges across both executions').toBe(1);
    }
    expect(second.states, 'the resubmission entered Charge Payment').not.toContain(STATES.chargePayment);
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
  });

  it('lets one of two simultaneous submissions through; the other is answered as a duplicate', async () => {
    const orderId = ctx.newOrderId();
    const order = withOrderId(EXAMPLE_ORDERS.success, orderId);

    const runs = await Promise.all([ctx.submit(order, 'concurrent-a'), ctx.submit(order, 'concurrent-b')]);

    // One run records the order. The other either raced it past Order Already Recorded? and lost the
    // conditional write (FAILED, DuplicateOrder), or came late enough to find the record and return it
    // (SUCCEEDED through Return Recorded Order, without charging). Which one happens is timing.
    const statuses = runs.map((r) => `${r.name}: ${r.status} ${r.error ?? ''}`).join('; ');
    const recorded = runs.filter(
      (r) => r.states.includes(STATES.recordProcessed) && r.status === 'SUCCEEDED',
    );
    expect(recorded, `exactly one execution records the order: ${statuses}`).toHaveLength(1);
    const winner = recorded[0];
    const loser = runs.find((r) => r !== winner);
    if (loser?.status === 'FAILED') {
      expect(loser.error, loser.cause).toBe(ERROR_NAMES.DuplicateOrder);
      expect(loser.cause).toContain(orderId);
      expect(loser.states).toContain(STATES.duplicateOrder);
    } else {
      expect(loser?.status, statuses).toBe('SUCCEEDED');
      expect(loser?.states).toContain(STATES.returnRecorded);
      expect(loser?.states).not.toContain(STATES.chargePayment);
      expect(loser?.output).toMatchObject({ orderId, duplicate: true });
    }

    const rows = await orderRows(ctx.clients.dynamodb, ctx.target.outputs.ordersTableName, orderId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ State: ORDER_STATES.PAYMENT_PROCESSED, ChargeId: expect.any(String) });
    // The row is the winner's: its output names the same charge.
    expect(winner?.output).toMatchObject({ orderId, chargeId: row?.ChargeId });
    const notifications = await ctx.notifications(orderId, { settleMs: 3_000 });
    expect(notifications.map((n) => n.message)).toEqual([
      expect.objectContaining({ orderId, state: ORDER_STATES.PAYMENT_PROCESSED, chargeId: row?.ChargeId }),
    ]);

    if (ctx.control) {
      // Both runs can pass Order Already Recorded? before either writes (the check and the conditional
      // write race), so both may reach Charge Payment: up to one charge per execution that entered it.
      // The customer is still charged once because both charges carry the same idempotency key, the order
      // id: a real provider keeps its keys server-side and answers the second request with the first
      // charge. The simulated provider keeps them per Lambda sandbox, so two sandboxes may each log a
      // charge; what the log can prove is that every charge (replays included) names the one charge id the
      // key yields, the one recorded. A key that differed per execution would show a second id here.
      const logs = await orderLogEntries(
        ctx.control,
        ctx.target.outputs.functionNames.chargePayment,
        orderId,
      );
      const { charges, chargeIds } = chargesIn(logs);
      const entered = runs.filter((r) => r.states.includes(STATES.chargePayment)).length;
      expect(charges, 'successful charges').toBeGreaterThanOrEqual(1);
      expect(
        charges,
        `successful charges, ${entered} execution(s) entered Charge Payment`,
      ).toBeLessThanOrEqual(entered);
      expect(chargeIds, 'every charge carries the recorded charge id (one idempotency key)').toEqual([
        row?.ChargeId,
      ]);
    }
  });
});
