import { describe, expect, it } from 'vitest';
import { checkInvariants, invariantsHeld, type RunEvidence } from '../../scripts/faults/invariants.js';
import type { OrderRow } from '../../scripts/internal/order-rows.js';

const ITEM = 'faults-x-0';
const reserved = {
  ReservedAt: '2026-12-03T18:00:00.000Z',
  ReservedItems: JSON.stringify([{ itemId: ITEM, quantity: 1 }]),
};
const released = { ...reserved, ReleasedAt: '2026-12-03T18:00:01.000Z' };

/** A processed order, a declined one and a rejected one, all as the workflow leaves them: every invariant holds. */
function healthyRun(): { rows: OrderRow[]; charges: Map<string, string>; notified: Set<string> } {
  return {
    rows: [
      {
        OrderId: `${ITEM}-0`,
        State: 'PAYMENT_PROCESSED',
        ChargeId: 'ch_a',
        ChargeRequestedAt: 't',
        ...reserved,
      },
      { OrderId: `${ITEM}-1`, State: 'PAYMENT_FAILED', ChargeRequestedAt: 't', ...released },
      { OrderId: `${ITEM}-2`, State: 'PAYMENT_DETAILS_REJECTED', ...released },
    ],
    charges: new Map([[`${ITEM}-0`, 'ch_a']]),
    notified: new Set([`${ITEM}-0`, `${ITEM}-1`, `${ITEM}-2`]),
  };
}

function evidence(run: ReturnType<typeof healthyRun>, overrides: Partial<RunEvidence> = {}): RunEvidence {
  return {
    executions: [],
    rows: run.rows,
    charges: run.charges,
    notified: run.notified,
    stock: { itemId: ITEM, before: 10, after: 9 },
    ...overrides,
  };
}

const row = (run: ReturnType<typeof healthyRun>, i: number): Record<string, unknown> => {
  const found = run.rows[i];
  if (found === undefined) throw new Error(`no row ${i}`);
  return found;
};

describe('checkInvariants', () => {
  it('finds nothing wrong with what the workflow leaves on each path', () => {
    const violations = checkInvariants(evidence(healthyRun()));
    expect(violations).toEqual([]);
    expect(invariantsHeld(violations)).toEqual({
      charged: true,
      processed: true,
      reserved: true,
      notified: true,
    });
  });

  it('reports a charge with no record of it', () => {
    const run = healthyRun();
    run.charges.set(`${ITEM}-1`, 'ch_b'); // the declined order was charged after all
    const violations = checkInvariants(evidence(run, { stock: { itemId: ITEM, before: 10, after: 9 } }));
    expect(violations).toContainEqual(
      expect.objectContaining({ subject: `${ITEM}-1`, invariant: 'charged' }),
    );
    expect(invariantsHeld(violations).charged).toBe(false);
  });

  it('reports a charge made before the row was marked ChargeRequestedAt', () => {
    const run = healthyRun();
    delete row(run, 0).ChargeRequestedAt;
    expect(checkInvariants(evidence(run))).toEqual([
      {
        subject: `${ITEM}-0`,
        invariant: 'charged',
        detail: 'charged ch_a with no ChargeRequestedAt on its row',
      },
    ]);
  });

  it('accepts a charge whose record failed when the execution failed ChargeNotRecorded naming it', () => {
    const run = healthyRun();
    Object.assign(row(run, 0), { State: 'RECEIVED', ChargeId: undefined });
    const failed = {
      orderId: `${ITEM}-0`,
      status: 'FAILED',
      error: 'ChargeNotRecorded',
      cause: 'order … charge ch_a …',
    };
    expect(checkInvariants(evidence(run, { executions: [failed] }))).toEqual([]);
    const otherCharge = { ...failed, cause: 'order … charge ch_zzz …' };
    expect(checkInvariants(evidence(run, { executions: [otherCharge] }))).toEqual([
      expect.objectContaining({ subject: `${ITEM}-0`, invariant: 'charged' }),
    ]);
  });

  it('reports an order recorded as processed that the provider did not charge, or charged another id', () => {
    const run = healthyRun();
    run.charges.clear();
    const violations = checkInvariants(evidence(run, { stock: { itemId: ITEM, before: 10, after: 10 } }));
    expect(violations.map((v) => v.invariant)).toContain('processed');
    const wrongId = healthyRun();
    wrongId.charges.set(`${ITEM}-0`, 'ch_other');
    expect(checkInvariants(evidence(wrongId)).map((v) => v.invariant)).toEqual(['charged', 'processed']);
  });

  it('reports an unsold order that still holds its reservation, and the stock it kept', () => {
    const run = healthyRun();
    delete row(run, 2).ReleasedAt;
    const violations = checkInvariants(evidence(run, { stock: { itemId: ITEM, before: 10, after: 8 } }));
    expect(violations).toEqual([
      expect.objectContaining({ subject: `${ITEM}-2`, invariant: 'reserved' }),
      expect.objectContaining({
        subject: `stock ${ITEM}`,
        invariant: 'reserved',
        detail: expect.stringContaining('1 unsold units kept'),
      }),
    ]);
  });

  it('reports a sold order whose stock was given back, and stock given back twice', () => {
    const run = healthyRun();
    row(run, 0).ReleasedAt = 't';
    expect(checkInvariants(evidence(run)).map((v) => v.invariant)).toEqual(['reserved']);
    expect(
      checkInvariants(evidence(healthyRun(), { stock: { itemId: ITEM, before: 10, after: 11 } })),
    ).toEqual([
      expect.objectContaining({
        invariant: 'reserved',
        detail: expect.stringContaining('2 units given back twice'),
      }),
    ]);
  });

  it('reports a recorded order neither notified nor kept in the outbox, and accepts the outbox', () => {
    const run = healthyRun();
    run.notified.delete(`${ITEM}-1`);
    expect(checkInvariants(evidence(run))).toEqual([
      expect.objectContaining({ subject: `${ITEM}-1`, invariant: 'notified' }),
    ]);
    row(run, 1).PendingNotification = JSON.stringify({ orderId: `${ITEM}-1`, state: 'PAYMENT_FAILED' });
    expect(checkInvariants(evidence(run))).toEqual([]);
  });

  it('accepts a NotificationNotKept failure only when its Cause is that order’s notification', () => {
    const run = healthyRun();
    run.notified.delete(`${ITEM}-1`);
    const failed = (cause: string) => ({
      executions: [{ orderId: `${ITEM}-1`, status: 'FAILED', error: 'NotificationNotKept', cause }],
    });
    expect(checkInvariants(evidence(run, failed(JSON.stringify({ orderId: `${ITEM}-1` }))))).toEqual([]);
    for (const cause of [JSON.stringify({ orderId: `${ITEM}-2` }), 'not json'])
      expect(checkInvariants(evidence(run, failed(cause)))).toEqual([
        expect.objectContaining({ subject: `${ITEM}-1`, invariant: 'notified' }),
      ]);
  });

  it('asks nothing of an order still RECEIVED (never recorded) but its stock', () => {
    const run = healthyRun();
    run.rows.push({ OrderId: `${ITEM}-3`, State: 'RECEIVED', ...released });
    expect(checkInvariants(evidence(run))).toEqual([]);
  });
});
