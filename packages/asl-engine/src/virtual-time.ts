import type { Clock, Sleeper } from './types.js';

/** A clock and sleeper pair that runs on virtual time. */
export interface VirtualTime {
  readonly clock: Clock;
  readonly sleep: Sleeper;
  /** Every delay requested so far, in request order (ms). */
  readonly sleeps: readonly number[];
}

/**
 * Virtual time for tests and simulations: a sleep returns once every earlier-due sleep has
 * returned and the event loop is idle, and moves the clock to its due time. A Wait of one hour or
 * a retry back-off takes no real time, while timeouts still race tasks in due-time order.
 */
export function createVirtualTime(start = Date.now()): VirtualTime {
  let now = start;
  const sleeps: number[] = [];
  const pending: Array<{ due: number; seq: number; resolve: () => void }> = [];
  let seq = 0;
  let scheduled = false;

  const pump = () => {
    scheduled = false;
    pending.sort((a, b) => a.due - b.due || a.seq - b.seq);
    const next = pending.shift();
    if (next === undefined) return;
    if (next.due > now) now = next.due;
    next.resolve();
    schedule();
  };
  const schedule = () => {
    if (!scheduled && pending.length > 0) {
      scheduled = true;
      // setImmediate runs after pending promise callbacks: in-flight work settles first
      setImmediate(pump);
    }
  };

  const sleep: Sleeper = (ms, signal) =>
    new Promise<void>((resolve) => {
      sleeps.push(ms);
      if (signal.aborted) return resolve();
      const entry = { due: now + Math.max(0, ms), seq: seq++, resolve };
      pending.push(entry);
      signal.addEventListener(
        'abort',
        () => {
          const i = pending.indexOf(entry);
          if (i >= 0) pending.splice(i, 1);
          resolve();
        },
        { once: true },
      );
      schedule();
    });

  return { clock: { now: () => now }, sleep, sleeps };
}
