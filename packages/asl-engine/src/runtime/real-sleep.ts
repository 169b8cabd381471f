import type { Sleeper } from '../types.js';

/** The longest delay a Node timer honours; anything longer is clamped to 1 ms. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The timer functions a real-time sleeper runs on (injectable so chunking can be tested). */
export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Monotonic milliseconds. */
  now(): number;
}

const NODE_TIMERS: TimerApi = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

/**
 * A sleeper on real timers that honours delays beyond 2^31-1 ms: it arms one timer of at most
 * that length at a time and re-arms until the deadline, so a 30-day Wait does not fire at once.
 */
export function createRealSleep(timers: TimerApi = NODE_TIMERS): Sleeper {
  return (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const deadline = timers.now() + ms;
      let handle: unknown;
      const done = () => {
        timers.clearTimeout(handle);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const arm = (delay: number) => {
        handle = timers.setTimeout(tick, Math.min(Math.max(0, delay), MAX_TIMER_DELAY_MS));
      };
      // measure what is left rather than count chunks; a delay that fits one timer ends when it
      // fires, as before (Node timers may fire a fraction of a millisecond early)
      function tick() {
        const left = deadline - timers.now();
        if (ms > MAX_TIMER_DELAY_MS && left >= 1) arm(left);
        else done();
      }
      signal.addEventListener('abort', done, { once: true });
      arm(ms);
    });
}

/** Real-time sleeper: resolves after `ms`, or as soon as `signal` aborts. */
export const realSleep: Sleeper = createRealSleep();
