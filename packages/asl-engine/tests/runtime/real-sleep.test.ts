import { describe, expect, it } from 'vitest';
import { createRealSleep, MAX_TIMER_DELAY_MS, StateMachine, type TimerApi } from '../../src/index.js';

const THIRTY_DAYS_S = 30 * 24 * 3600;

/** Timers on a hand-moved clock; records every delay armed. */
function fakeTimers() {
  let now = 0;
  let next: { fn: () => void; at: number } | undefined;
  const armed: number[] = [];
  const timers: TimerApi = {
    setTimeout(fn, ms) {
      armed.push(ms);
      next = { fn, at: now + ms };
      return next;
    },
    clearTimeout(h) {
      if (h === next) next = undefined;
    },
    now: () => now,
  };
  /** Fires the armed timer (moving the clock to it); false when none is armed. */
  const fire = () => {
    const t = next;
    if (!t) return false;
    next = undefined;
    now = t.at;
    t.fn();
    return true;
  };
  return { timers, armed, fire, pending: () => next !== undefined };
}

const settled = (p: Promise<void>) => {
  let s = false;
  p.then(() => {
    s = true;
  });
  return async () => {
    await new Promise((r) => setImmediate(r));
    return s;
  };
};

describe('createRealSleep', () => {
  it('splits a delay beyond 2^31-1 ms into chunks and resolves only at the deadline', async () => {
    const f = fakeTimers();
    const total = THIRTY_DAYS_S * 1000;
    const isSettled = settled(createRealSleep(f.timers)(total, new AbortController().signal));
    while (f.pending()) {
      expect(await isSettled()).toBe(false);
      f.fire();
    }
    expect(await isSettled()).toBe(true);
    expect(f.armed.every((ms) => ms <= MAX_TIMER_DELAY_MS)).toBe(true);
    expect(f.armed.reduce((a, b) => a + b, 0)).toBe(total);
    expect(f.armed.length).toBe(Math.ceil(total / MAX_TIMER_DELAY_MS));
  });

  it('arms a short delay as one timer', async () => {
    const f = fakeTimers();
    const isSettled = settled(createRealSleep(f.timers)(1500, new AbortController().signal));
    f.fire();
    expect(await isSettled()).toBe(true);
    expect(f.armed).toEqual([1500]);
  });

  it('resolves between chunks when the signal aborts, and clears its timer', async () => {
    const f = fakeTimers();
    const ctrl = new AbortController();
    const isSettled = settled(createRealSleep(f.timers)(THIRTY_DAYS_S * 1000, ctrl.signal));
    f.fire();
    expect(await isSettled()).toBe(false);
    ctrl.abort();
    expect(await isSettled()).toBe(true);
    expect(f.pending()).toBe(false);
  });
});

describe('the default (real-time) sleeper', () => {
  it('keeps a 30-day Wait waiting', async () => {
    const sm = StateMachine.load({
      StartAt: 'Sleep',
      States: { Sleep: { Type: 'Wait', Seconds: THIRTY_DAYS_S, End: true } },
    });
    const exec = sm.start({});
    await new Promise((r) => setTimeout(r, 200));
    expect(exec.status).toBe('RUNNING');
    exec.stop();
    expect((await exec.result).status).toBe('ABORTED');
  });

  it('does not time out an execution with a 30-day TimeoutSeconds early', async () => {
    const sm = StateMachine.load({
      TimeoutSeconds: THIRTY_DAYS_S,
      StartAt: 'Pause',
      States: { Pause: { Type: 'Wait', Seconds: 1, End: true } },
    });
    const exec = sm.start({});
    expect(await exec.result).toEqual({ status: 'SUCCEEDED', output: {} });
  });
});
