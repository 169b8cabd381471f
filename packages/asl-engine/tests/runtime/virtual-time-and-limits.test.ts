import { describe, expect, it } from 'vitest';
import { createVirtualTime } from '../../src/index.js';
import { Cancellation } from '../../src/runtime/cancellation.js';
import { checkPayloadSize, MAX_PAYLOAD_BYTES } from '../../src/runtime/payload-size.js';

describe('createVirtualTime', () => {
  it('settles sleeps in due-time order and moves the clock, taking no real time', async () => {
    const t = createVirtualTime(0);
    const never = new AbortController().signal;
    const order: string[] = [];
    const started = Date.now();
    await Promise.all([
      t.sleep(3_600_000, never).then(() => order.push(`hour@${t.clock.now()}`)),
      t.sleep(1_000, never).then(() => order.push(`second@${t.clock.now()}`)),
    ]);
    expect(order).toEqual(['second@1000', 'hour@3600000']);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(t.sleeps).toEqual([3_600_000, 1_000]);
  });

  it('settles an aborted sleep at once without moving the clock', async () => {
    const t = createVirtualTime(0);
    const ctrl = new AbortController();
    const p = t.sleep(10_000, ctrl.signal);
    ctrl.abort();
    await p;
    expect(t.clock.now()).toBe(0);
  });
});

describe('payload limit', () => {
  it('accepts 256 KiB of UTF-8 JSON and rejects one byte more', () => {
    const fits = 'a'.repeat(MAX_PAYLOAD_BYTES - 2); // the quotes make it exactly 256 KiB
    expect(() => checkPayloadSize(fits, 'S')).not.toThrow();
    expect(() => checkPayloadSize(`${fits}a`, 'S')).toThrow(/exceeding the maximum number of bytes/);
    // multi-byte characters count as their UTF-8 size
    expect(() => checkPayloadSize({ s: 'é'.repeat(MAX_PAYLOAD_BYTES / 2) }, 'S')).toThrow();
  });
});

describe('Cancellation', () => {
  it('propagates to children until they detach, and exposes an AbortSignal on demand', () => {
    const parent = new Cancellation();
    const attached = parent.child();
    const detached = parent.child();
    detached.detach();
    const signal = attached.signal;
    parent.abort('why');
    expect(attached.aborted).toBe(true);
    expect(attached.reason).toBe('why');
    expect(signal.aborted).toBe(true);
    expect(detached.aborted).toBe(false);
    expect(parent.child().aborted).toBe(true);
  });
});
