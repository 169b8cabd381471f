import { createVirtualTime } from '../../src/index.js';

/** Virtual time starting at a fixed instant, so timestamps in assertions are stable. */
export function fakeTime(start = Date.parse('2026-01-01T00:00:00.000Z')) {
  return createVirtualTime(start);
}

/** A handler that never settles until its signal aborts. */
export function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
}
