import { expect } from 'vitest';
import type {
  OrderReservation,
  ReservationStore,
  ReserveAttempt,
  WriteAttempt,
} from '../../src/domain/reservation-store.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../src/domain/retry-policy.js';

// A stand-in reservation store (the port, not an SDK client): what moto cannot produce (transaction
// conflicts, throttling, rows changing between two requests) is scripted.

export const NOW = Date.parse('2026-11-29T12:00:00.000Z');
export const NOW_ISO = '2026-11-29T12:00:00.000Z';
export const noWait: RetryPolicy = { ...DEFAULT_RETRY_POLICY, sleep: async () => {} };
export const BUSY = { status: 'busy', detail: 'TransactionConflict' } as const;
export const lines = [
  { itemId: 'a', quantity: 2 },
  { itemId: 'b', quantity: 5 },
];

/** Answers each call with the next scripted value and records the calls. */
export function fakeStore(script: {
  reserve?: ReserveAttempt[];
  release?: WriteAttempt[];
  markReleased?: WriteAttempt[];
  orders?: Array<OrderReservation | undefined>;
}) {
  const calls: string[] = [];
  const next = <T>(list: T[] | undefined, what: string): T => {
    calls.push(what);
    const value = list?.shift();
    if (value === undefined && what !== 'readOrder') throw new Error(`unexpected ${what}`);
    return value as T;
  };
  const store: ReservationStore = {
    readOrder: async () => next(script.orders, 'readOrder'),
    reserve: async (request) => {
      expect(request).toEqual({ orderId: 'o-1', lines, reservedAt: NOW_ISO, expiresAt: NOW / 1000 + 3600 });
      return next(script.reserve, 'reserve');
    },
    release: async () => next(script.release, 'release'),
    markReleased: async () => next(script.markReleased, 'markReleased'),
  };
  return { store, calls };
}
