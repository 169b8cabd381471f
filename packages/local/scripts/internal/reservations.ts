import type { OrderRow } from './order-rows.js';

/**
 * A row that still holds stock: reserve-stock set `ReservedAt` and release-stock never set `ReleasedAt`.
 * A sold order holds its reservation for good; any other order holding one kept stock it did not buy.
 */
export function holdsReservation(row: OrderRow): boolean {
  return row.ReservedAt !== undefined && row.ReleasedAt === undefined;
}

/**
 * The stock invariant of a run on its own item: what is left is what was there less the units sold.
 * Returns the problem, or undefined when it holds.
 */
export function stockProblem(before: number, after: number, unitsSold: number): string | undefined {
  if (after === before - unitsSold) return undefined;
  const kept = before - unitsSold - after;
  return `stock after ${after} ≠ ${before} − ${unitsSold} sold (${kept > 0 ? `${kept} unsold units kept` : `${-kept} units given back twice`})`;
}
