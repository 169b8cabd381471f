import { InventoryUnavailableError } from './inventory-unavailable-error.js';

/** How a refused-but-retryable DynamoDB write (transaction conflict, throttling) is retried. */
export interface RetryPolicy {
  /** Waits between attempts (injected so tests do not wait). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). */
  readonly random: () => number;
  /** Attempts, the first included. */
  readonly maxAttempts: number;
  /** First backoff ceiling in ms, doubled per retry up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** 8 attempts, backoff ceilings 20, 40, 80 ... ms capped at 1 s, full jitter: at most about 2.5 s of waiting. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  maxAttempts: 8,
  baseDelayMs: 20,
  maxDelayMs: 1000,
};

/** An attempt DynamoDB refused for a passing reason (a conflicting transaction, throttling): try again. */
export interface Busy {
  readonly status: 'busy';
  /** What DynamoDB said, for the error after the last attempt. */
  readonly detail: string;
}

/** Full-jitter exponential backoff (AWS's recommendation): a random wait below min(cap, base x 2^(n-1)). */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return Math.floor(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

/**
 * Run `attempt` until it returns something other than {@link Busy}, waiting with backoff in between;
 * after `maxAttempts` busy answers throw InventoryUnavailableError naming `operation`.
 */
export async function retryWhileBusy<T extends { readonly status: string }>(
  operation: string,
  policy: RetryPolicy,
  attempt: () => Promise<T | Busy>,
): Promise<Exclude<T, Busy>> {
  for (let n = 1; ; n++) {
    const result = await attempt();
    if (result.status !== 'busy') return result as Exclude<T, Busy>;
    if (n >= policy.maxAttempts) throw new InventoryUnavailableError(operation, n, (result as Busy).detail);
    await policy.sleep(backoffDelay(n, policy));
  }
}
