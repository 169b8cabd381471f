/**
 * The four invariants a fault must not break, checked on what a run left behind: the Orders rows, the
 * charges the payment provider made, the notifications that arrived and the stock of the run's item.
 * Pure: the script reads those, this decides.
 */
import { ERROR_NAMES, ORDER_STATES } from '@orders/shared-types';
import type { OrderRow } from '../internal/order-rows.js';
import { holdsReservation, stockProblem } from '../internal/reservations.js';

export const INVARIANTS = {
  charged: 'nothing charged without a record',
  processed: 'nothing recorded as processed without a charge',
  reserved: 'every reserved unit released or sold',
  notified: 'every recorded order notified or flagged for re-sending',
} as const;
export type Invariant = keyof typeof INVARIANTS;

/** One execution the run started (a duplicate submission is a second execution of the same order id). */
export interface ExecutionOutcome {
  readonly orderId: string;
  readonly status: string;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
}

export interface RunEvidence {
  readonly executions: readonly ExecutionOutcome[];
  /** The Orders rows of the run's order ids (missing: never claimed). */
  readonly rows: readonly OrderRow[];
  /** Order id → charge id, for every charge the provider made. */
  readonly charges: ReadonlyMap<string, string>;
  /** Order ids a notification arrived for on the inspection queue. */
  readonly notified: ReadonlySet<string>;
  /** The run's own item: its stock before and after. */
  readonly stock: { readonly itemId: string; readonly before: number; readonly after: number };
}

export interface Violation {
  /** The order, or `stock <item>` for the stock count. */
  readonly subject: string;
  readonly invariant: Invariant;
  readonly detail: string;
}

/** The states an order is recorded in once the workflow is done with it (RECEIVED is not one). */
const RECORDED_STATES: ReadonlySet<unknown> = new Set(
  Object.values(ORDER_STATES).filter((s) => s !== ORDER_STATES.RECEIVED),
);

/** Every violation of the four invariants in `evidence` (none: they all held). */
export function checkInvariants(evidence: RunEvidence): Violation[] {
  const violations: Violation[] = [];
  const add = (subject: string, invariant: Invariant, detail: string) =>
    violations.push({ subject, invariant, detail });
  const rows = new Map(evidence.rows.map((row) => [String(row.OrderId), row]));

  for (const [orderId, chargeId] of evidence.charges) {
    const row = rows.get(orderId);
    if (row?.ChargeRequestedAt === undefined)
      add(orderId, 'charged', `charged ${chargeId} with no ChargeRequestedAt on its row`);
    if (row?.State === ORDER_STATES.PAYMENT_PROCESSED && row.ChargeId === chargeId) continue;
    // The workflow's answer to a record that cannot be written: it fails naming the charge, and is alarmed.
    const alarmed = evidence.executions.some(
      (e) => e.orderId === orderId && e.error === 'ChargeNotRecorded' && (e.cause ?? '').includes(chargeId),
    );
    if (!alarmed)
      add(
        orderId,
        'charged',
        `charged ${chargeId}, row ${describe(row)}, and no ChargeNotRecorded failure names the charge`,
      );
  }

  for (const row of rows.values()) {
    const orderId = String(row.OrderId);
    const charge = evidence.charges.get(orderId);
    if (row.State === ORDER_STATES.PAYMENT_PROCESSED && (charge === undefined || charge !== row.ChargeId))
      add(
        orderId,
        'processed',
        `recorded PAYMENT_PROCESSED with charge ${String(row.ChargeId)}, the provider charged ${charge ?? 'nothing'}`,
      );
    if (holdsReservation(row) && charge === undefined)
      add(orderId, 'reserved', `holds its reservation (${String(row.ReservedItems)}) and was not charged`);
    if (row.ReservedAt !== undefined && row.ReleasedAt !== undefined && charge !== undefined)
      add(
        orderId,
        'reserved',
        `charged ${charge} but its reservation was given back (ReleasedAt ${String(row.ReleasedAt)})`,
      );
    if (
      RECORDED_STATES.has(row.State) &&
      !evidence.notified.has(orderId) &&
      !hasPending(row) &&
      !notificationInCause(evidence.executions, orderId)
    )
      add(
        orderId,
        'notified',
        `recorded ${String(row.State)}, no notification arrived, no PendingNotification, no NotificationNotKept`,
      );
  }

  const { itemId, before, after } = evidence.stock;
  let sold = 0;
  for (const row of rows.values())
    if (evidence.charges.has(String(row.OrderId))) sold += reservedUnits(row, itemId);
  const stock = stockProblem(before, after, sold);
  if (stock !== undefined) add(`stock ${itemId}`, 'reserved', stock);
  return violations;
}

/** Which invariants held: true unless a violation names it. */
export function invariantsHeld(violations: readonly Violation[]): Record<Invariant, boolean> {
  const broken = new Set(violations.map((v) => v.invariant));
  return {
    charged: !broken.has('charged'),
    processed: !broken.has('processed'),
    reserved: !broken.has('reserved'),
    notified: !broken.has('notified'),
  };
}

function hasPending(row: OrderRow): boolean {
  return typeof row.PendingNotification === 'string' && row.PendingNotification !== '';
}

/**
 * The last keeper: SNS and the outbox both refused, and the execution failed as NotificationNotKept with the
 * order's notification as its Cause (for a person to send; ExecutionsFailed alarms).
 */
function notificationInCause(executions: readonly ExecutionOutcome[], orderId: string): boolean {
  return executions.some((e) => {
    if (e.orderId !== orderId || e.error !== ERROR_NAMES.NotificationNotKept) return false;
    try {
      return (JSON.parse(e.cause ?? '') as { orderId?: unknown }).orderId === orderId;
    } catch {
      return false;
    }
  });
}

/** The units of `itemId` the row's reservation took (ReservedItems: the JSON lines reserve-stock wrote). */
function reservedUnits(row: OrderRow, itemId: string): number {
  if (row.ReservedAt === undefined || typeof row.ReservedItems !== 'string') return 0;
  const lines = JSON.parse(row.ReservedItems) as Array<{ itemId?: unknown; quantity?: unknown }>;
  return lines.reduce((n, line) => n + (line.itemId === itemId ? Number(line.quantity) : 0), 0);
}

function describe(row: OrderRow | undefined): string {
  if (row === undefined) return 'missing';
  return `${String(row.State)}${row.ChargeId === undefined ? '' : ` with charge ${String(row.ChargeId)}`}`;
}
