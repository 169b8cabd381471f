import { ERROR_NAMES, EXAMPLE_ORDERS, ORDER_STATES } from '@orders/shared-types';
import { describe, expect, it } from 'vitest';
import { orderRows } from '../../src/index.js';
import { e2eContext } from '../support/e2e-context.js';
import { expectStates } from '../support/expect-states.js';
import { chargesIn, orderLogEntries } from '../support/lambda-log.js';
import { expectReservationMarks, expectStock, reducedBy } from '../support/stock.js';
import { RESUBMISSION, STATES } from '../support/workflow-states.js';

const ctx = e2eContext();

/** charge-payment's log entries for the order (the local stack's logs: where its charges are counted). */
const chargePaymentLogs = (control: NonNullable<typeof ctx.control>, orderId: string) =>
  orderLogEntries(control, ctx.target.outputs.functionNames.chargePayment, orderId);

describe('scenario 6: the same order submitted twice', () => {
  it('through the API: a resubmission with the same key gets the first answer, one without is refused; one execution, one charge, one row', async () => {
    const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
    const before = await ctx.stock(itemIds);
    const idempotencyKey = `${orderId}-key`;

    const first = await ctx.submit(order, { idempotencyKey });
    const replay = await ctx.intake.submit(order, { idempotencyKey });
    const again = await ctx.intake.submit(order);

    expect(first.status, first.cause).toBe('SUCCEEDED');
    // Same key, same body: the first answer again, byte for byte (nothing new was started).
    expect({ status: replay.status, text: replay.text }).toEqual({
      status: 202,
      text: first.accepted.text,
    });
    // No key, an order id already taken: refused, pointing at the order.
    expect(again.status, again.text).toBe(409);
    expect(again.body).toMatchObject({ error: 'OrderAlreadySubmitted' });
    expect(again.location).toBe(`/orders/${encodeURIComponent(orderId)}`);

    expectStock(await ctx.stock(itemIds), reducedBy(before, ordered), 'stock after three submissions');
    const rows = await orderRows(ctx.clients.dynamodb, ctx.target.outputs.ordersTableName, orderId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      State: ORDER_STATES.PAYMENT_PROCESSED,
      ChargeId: expect.any(String),
      ExecutionId: first.executionArn,
    });
    const notifications = await ctx.notifications(orderId, { settleMs: 3_000 });
    expect(notifications.map((n) => n.message)).toEqual([
      expect.objectContaining({
        orderId,
        state: ORDER_STATES.PAYMENT_PROCESSED,
        chargeId: rows[0]?.ChargeId,
      }),
    ]);
    if (ctx.control) {
      const logs = await chargePaymentLogs(ctx.control, orderId);
      expect(chargesIn(logs), 'charges across the submissions').toEqual({
        charges: 1,
        chargeIds: [rows[0]?.ChargeId],
      });
    }
    await ctx.expectNoCardData(orderId);
  });

  it('through the API at once: one submission is accepted, the other refused as already submitted', async () => {
    const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
    const before = await ctx.stock(itemIds);

    const answers = await Promise.all([ctx.intake.submit(order), ctx.intake.submit(order)]);

    const statuses = answers.map((a) => a.status).sort();
    expect(statuses, answers.map((a) => a.text).join(' | ')).toEqual([202, 409]);
    expect(answers.find((a) => a.status === 409)?.body).toMatchObject({ error: 'OrderAlreadySubmitted' });
    const execution = await ctx.submitted(orderId);
    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expectStock(await ctx.stock(itemIds), reducedBy(before, ordered), 'stock after both submissions');
    const rows = await orderRows(ctx.clients.dynamodb, ctx.target.outputs.ordersTableName, orderId);
    expect(rows).toHaveLength(1);
    const notifications = await ctx.notifications(orderId, { settleMs: 3_000 });
    expect(notifications).toHaveLength(1);
    if (ctx.control) {
      const logs = await chargePaymentLogs(ctx.control, orderId);
      expect(chargesIn(logs).charges, 'charges across both submissions').toBe(1);
    }
    await ctx.expectNoCardData(orderId);
  });
});

describe("scenario 6: the same order executed twice (the workflow's claim)", () => {
  it('charges once, reserves once and writes one row; a second execution of the order returns the recorded order', async () => {
    const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
    const before = await ctx.stock(itemIds);

    const first = await ctx.submit(order);
    const afterFirst = await ctx.stock(itemIds);
    // The API never starts an order twice (its executions are named by the order id); the claim is the
    // workflow's own guard, against a second execution of the same card-free order under another name.
    const second = await ctx.startDirectly(first.input, 'duplicate-second');
    const afterSecond = await ctx.stock(itemIds);

    if (ctx.control) {
      // Counted across both executions, replays by the provider excluded: a second charge shows here
      // even when the resubmission goes on to fail.
      const logs = await chargePaymentLogs(ctx.control, orderId);
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
    await ctx.expectNoCardData(orderId);
  });

  it('lets one of two simultaneous executions of one order through; the other is answered as a duplicate', async () => {
    // A token the vault holds, from an order submitted through the API, so the pair can start at once.
    const seed = await ctx.submit((await ctx.stockedOrder(EXAMPLE_ORDERS.success)).order);
    expect(seed.status, seed.cause).toBe('SUCCEEDED');
    await ctx.expectNoCardData(seed.orderId);
    const { payment } = seed.input as { payment: unknown };
    const { order, orderId, itemIds, ordered } = await ctx.stockedOrder(EXAMPLE_ORDERS.success);
    const { paymentDetails: _card, ...rest } = order;
    const cardFree = { ...rest, payment };
    const before = await ctx.stock(itemIds);

    const runs = await Promise.all([
      ctx.startDirectly(cardFree, 'concurrent-a'),
      ctx.startDirectly(cardFree, 'concurrent-b'),
    ]);

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
      const logs = await chargePaymentLogs(ctx.control, orderId);
      expect(chargesIn(logs), 'charges across both executions').toEqual({
        charges: 1,
        chargeIds: [row?.ChargeId],
      });
    }
    await ctx.expectNoCardData(orderId);
  });
});
