import { expect } from 'vitest';

type Stock = Readonly<Record<string, number | undefined>>;

/** The stock after a sale of `ordered` (each item down by the quantity ordered of it, all lines together). */
export function reducedBy(before: Stock, ordered: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(before).map(([itemId, stock]) => [itemId, (stock ?? 0) - (ordered[itemId] ?? 0)]),
  );
}

/** The stock of every item of the order after the run is exactly `expected`. */
export function expectStock(after: Stock, expected: Stock, what = 'stock after the run'): void {
  expect(after, what).toEqual(expected);
}

export interface ExpectedReservation {
  /**
   * ReservedAt is on the row (reserve-stock took the stock). `either` where it is timing: when the other
   * branch of the Parallel fails, the Parallel fails at once and the rejected exit's release runs while
   * reserve-stock may still be on its way. Then either the reservation came first (and was given back) or
   * the release marked the order first (and the late reservation was refused): both leave the stock as it
   * was, which the stock assertion checks.
   */
  readonly reserved: boolean | 'either';
  /** ReleasedAt is on the row (release-stock gave the stock back, or marked that nothing was reserved). */
  readonly released: boolean;
  /** What ReservedItems must hold when reserved: the quantity per item, all lines of an item together. */
  readonly items?: Readonly<Record<string, number>>;
}

/**
 * The reservation marks on the order row: ReservedAt / ReleasedAt as expected, the reserved items as
 * ordered, a release not stamped before its reservation, and no ReservationExpiresAt left on a finished
 * order (it marks a reservation neither sold nor released).
 */
export function expectReservationMarks(
  row: Record<string, unknown> | undefined,
  expected: ExpectedReservation,
): void {
  const reserved = row?.ReservedAt !== undefined;
  const marks = { reserved, released: row?.ReleasedAt !== undefined };
  expect(
    marks,
    `reservation marks on the order row (ReservedAt, ReleasedAt): ${JSON.stringify(row)}`,
  ).toEqual({
    reserved: expected.reserved === 'either' ? reserved : expected.reserved,
    released: expected.released,
  });
  if (reserved && expected.items !== undefined) {
    const lines = JSON.parse(String(row?.ReservedItems)) as Array<{ itemId: string; quantity: number }>;
    expect(
      Object.fromEntries(lines.map((line) => [line.itemId, line.quantity])),
      'ReservedItems on the order row',
    ).toEqual(expected.items);
  }
  // Only where the reservation surely came first: in an `either` race release-stock may have started
  // (and taken its timestamp) before a reservation that then won, and released it with that earlier time.
  if (expected.reserved === true && expected.released) {
    expect(Date.parse(String(row?.ReleasedAt)), 'ReleasedAt not before ReservedAt').toBeGreaterThanOrEqual(
      Date.parse(String(row?.ReservedAt)),
    );
  }
  expect(row?.ReservationExpiresAt, 'ReservationExpiresAt left on a finished order').toBeUndefined();
}
