import { describe, expect, it } from 'vitest';
import { InventoryUnavailableError } from '../../src/domain/inventory-unavailable-error.js';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryWhileBusy,
} from '../../src/domain/retry-policy.js';

const policy = (sleeps: number[], random = () => 0.999): RetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  sleep: async (ms) => void sleeps.push(ms),
  random,
});

describe('retryWhileBusy', () => {
  it('defaults to 8 attempts, 20 ms base, 1 s cap', () => {
    expect(DEFAULT_RETRY_POLICY).toMatchObject({ maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 1000 });
  });

  it('waits a full-jitter backoff below min(cap, base x 2^(n-1))', () => {
    const p = policy([], () => 0.5);
    expect([1, 2, 3, 6, 7, 10].map((n) => backoffDelay(n, p))).toEqual([10, 20, 40, 320, 500, 500]);
    expect(
      backoffDelay(
        3,
        policy([], () => 0),
      ),
    ).toBe(0);
  });

  it('retries busy answers until one is not busy', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await retryWhileBusy('reserve', policy(sleeps), async () =>
      ++calls < 4 ? { status: 'busy' as const, detail: 'TransactionConflict' } : { status: 'done' as const },
    );
    expect(result).toEqual({ status: 'done' });
    expect(calls).toBe(4);
    expect(sleeps).toEqual([19, 39, 79]);
  });

  it('throws InventoryUnavailable after the last attempt, naming the operation and the reason', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const error = await retryWhileBusy('reserve stock for order o-1', policy(sleeps), async () => {
      calls++;
      return { status: 'busy' as const, detail: 'TransactionConflict' };
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InventoryUnavailableError);
    expect(error).toMatchObject({ name: 'InventoryUnavailable', attempts: 8 });
    expect((error as Error).message).toBe(
      'inventory unavailable: could not reserve stock for order o-1 after 8 attempts (TransactionConflict)',
    );
    expect(calls).toBe(8);
    expect(sleeps).toEqual([19, 39, 79, 159, 319, 639, 999]);
  });
});
