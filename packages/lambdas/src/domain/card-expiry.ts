/**
 * True when a card with `expiration` (MM/YY) can no longer be used at `nowMs`. A card is valid through
 * the last moment of its expiry month (UTC), so 08/26 expires at 2026-09-01T00:00:00Z.
 */
export function isCardExpired(expiration: string, nowMs: number): boolean {
  const match = /^(0[1-9]|1[0-2])\/(\d{2})$/.exec(expiration);
  if (!match) return true;
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  // Date.UTC rolls month 12 over into January of the next year.
  const firstMomentAfter = Date.UTC(year, month, 1);
  return nowMs >= firstMomentAfter;
}
