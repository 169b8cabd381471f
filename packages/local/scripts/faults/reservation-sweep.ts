import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLogger, createSweepExpiredHandler } from '@orders/lambdas';
import type { OrderRow } from '../internal/order-rows.js';
import { holdsReservation } from '../internal/reservations.js';

/** What the sweep found and did (its SweepResult), or undefined when no row waited for it. */
export interface SweepOutcome {
  readonly found: number;
  readonly released: number;
  readonly closed: number;
}

/**
 * A release that failed for good leaves the reservation on the row with `ReservationExpiresAt`, for the
 * sweeper (release-stock's `index.sweepExpired`, every 15 minutes in AWS) to give back once that time has
 * passed. Nothing schedules it locally and the reservation holds for an hour, so this runs the sweeper's
 * own handler in-process, against moto, with its clock one second past the latest expiry among `rows`:
 * what the schedule would do then. Undefined when no row with an expiry still holds its reservation.
 */
export async function sweepAsScheduled(
  dynamodb: DynamoDBClient,
  tables: { ordersTableName: string; inventoryTableName: string },
  rows: readonly OrderRow[],
): Promise<SweepOutcome | undefined> {
  // The sweeper decides which of them it may release (never one marked ChargeRequestedAt); the invariants
  // then say what is still held.
  const waiting = rows.filter((row) => holdsReservation(row) && typeof row.ReservationExpiresAt === 'number');
  if (waiting.length === 0) return undefined;
  const expiresAt = Math.max(...waiting.map((row) => Number(row.ReservationExpiresAt)));
  const sweep = createSweepExpiredHandler({
    dynamodb,
    ordersTableName: tables.ordersTableName,
    inventoryTableName: tables.inventoryTableName,
    clock: { now: () => (expiresAt + 1) * 1000 },
    logger: createLogger({ service: 'release-expired', write: () => {} }),
  });
  return sweep({});
}
