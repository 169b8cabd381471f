import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { orderRows } from '../../src/index.js';
import { e2eContext } from '../support/e2e-context.js';
import { expectStates } from '../support/expect-states.js';
import { chargesIn, orderLogEntries } from '../support/lambda-log.js';
import { expectReservationMarks, expectStock, reducedBy } from '../support/stock.js';
import { RESUBMISSION, STATES } from '../support/workflow-states.js';

const ctx = e2eContext();

describe('scenario 6: the same order submitted twice', () => {
  it('charges once, reserves once and writes one row; the resubmission returns the recorded order', async () => {
    const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
    const before = await ctx.stock(itemIds);

    const first = await ctx.submit(order, 'duplicate-first');
    const afterFirst = await ctx.stock(itemIds);
    const second = await ctx.submit(order, 'duplicate-second');
    const afterSecond = await ctx.stock(itemIds);

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
    expect(second.states, 'the resubmission entered Reserve Stock').not.toContain(STATES.reserveStock);
    expect(first.name).not.toBe(second.name);
    expect(first.status, first.cause).toBe('SUCCEEDED');
    expect(second.status, second.cause).toBe('SUCCEEDED');
    expect(first.states).toContain(STATES.chargePayment);
    expectStates(second.states, { exactly: [...RESUBMISSION, STATES.returnRecorded] });

    // The first run sold the stock; the resubmission took nothing more and gave nothing back.
    expectStock(afterFirst, reducedBy(before, ordered), 'stock after the first run');
    expectStock(afterSecond, afterFirst, 'stock after the resubmission');

    const rows = await orderRows(ctx.clients.dynamodb, ctx.target.outputs.ordersTableName, orderId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      State: ORDER_STATES.PAYMENT_PROCESSED,
      ChargeId: expect.any(String),
      ExecutionId: first.executionArn,
    });
    expectReservationMarks(row, { reserved: true, released: false, items: ordered });
    expect(second.output).toMatchObject({
      orderId,
      state: ORDER_STATES.PAYMENT_PROCESSED,
      chargeId: row?.ChargeId,
      duplicate: true,
    });

    // The first run notifies; the resubmission adds nothing (wait a little to see no second message).
    const notifications = await ctx.notifications(orderId, { settleMs: 3_000 });
    expect(notifications.map((n) => n.message)).toEqual([
      expect.objectContaining({ orderId, state: ORDER_STATES.PAYMENT_PROCESSED, chargeId: row?.ChargeId }),
    ]);
  });

  it('lets one of two simultaneous submissions through; the other is answered as a duplicate', async () => {
    const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
    const before = await ctx.stock(itemIds);

    const runs = await Promise.all([ctx.submit(order, 'concurrent-a'), ctx.submit(order, 'concurrent-b')]);

    // One run claims the order id. The other loses the claim (one conditional write decides) and reads
    // the row: still RECEIVED while the winner works (FAILED, DuplicateOrder), or already recorded if it
    // came late (SUCCEEDED through Return Recorded Order). Which one happens is timing; neither reserves
    // or charges anything.
    const statuses = runs.map((r) => `${r.name}: ${r.status} ${r.error ?? ''}`).join('; ');
    const recorded = runs.filter(
      (r) => r.states.includes(STATES.recordProcessed) && r.status === 'SUCCEEDED',
    );
    expect(recorded, `exactly one execution records the order: ${statuses}`).toHaveLength(1);
    const winner = recorded[0]!;
    const loser = runs.find((r) => r !== winner)!;
    expect(loser.states, 'the duplicate entered Reserve Stock').not.toContain(STATES.reserveStock);
    expect(loser.states, 'the duplicate entered Charge Payment').not.toContain(STATES.chargePayment);
    if (loser.status === 'FAILED') {
      expect(loser.error, loser.cause).toBe(ERROR_NAMES.DuplicateOrder);
      expect(loser.cause).toContain(orderId);
      expectStates(loser.states, { exactly: [...RESUBMISSION, STATES.duplicateOrder] });
    } else {
      expect(loser.status, statuses).toBe('SUCCEEDED');
      expectStates(loser.states, { exactly: [...RESUBMISSION, STATES.returnRecorded] });
      // Only a finished order is returned as recorded (one still RECEIVED is a duplicate in progress).
      expect(loser.output, 'the duplicate answers with the recorded outcome').toMatchObject({
        orderId,
        state: ORDER_STATES.PAYMENT_PROCESSED,
        duplicate: true,
      });
    }

    const rows = await orderRows(ctx.clients.dynamodb, ctx.target.outputs.ordersTableName, orderId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      State: ORDER_STATES.PAYMENT_PROCESSED,
      ChargeId: expect.any(String),
      ExecutionId: winner.executionArn,
    });
    // The row is the winner's: its output names the same charge (and so does a late duplicate's).
    expect(winner.output).toMatchObject({ orderId, chargeId: row?.ChargeId });
    if (loser.status === 'SUCCEEDED') expect(loser.output).toMatchObject({ chargeId: row?.ChargeId });
    expectStock(await ctx.stock(itemIds), reducedBy(before, ordered), 'stock after both runs');
    expectReservationMarks(row, { reserved: true, released: false, items: ordered });
    const notifications = await ctx.notifications(orderId, { settleMs: 3_000 });
    expect(notifications.map((n) => n.message)).toEqual([
      expect.objectContaining({ orderId, state: ORDER_STATES.PAYMENT_PROCESSED, chargeId: row?.ChargeId }),
    ]);

    if (ctx.control) {
      // Only the winner got past the claim, so exactly one charge, under the recorded charge id.
      const logs = await orderLogEntries(
        ctx.control,
        ctx.target.outputs.functionNames.chargePayment,
        orderId,
      );
      expect(chargesIn(logs), 'charges across both executions').toEqual({
        charges: 1,
        chargeIds: [row?.ChargeId],
      });
    }
  });
});
