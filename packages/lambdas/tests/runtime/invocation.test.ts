import { describe, expect, it } from 'vitest';
import { withSimulatedShortage } from '../../src/adapters/simulated-shortage.js';
import type { ReserveStore } from '../../src/domain/reservation-store.js';
import { withInvocationLogging } from '../../src/runtime/invocation.js';
import { NO_SIMULATION, type Simulation } from '../../src/runtime/simulation.js';
import { memoryLogger } from '../support/capture-logs.js';

describe('withInvocationLogging', () => {
  it('binds correlation id, request id, function name and cold start to every line of an invocation', async () => {
    const { logger, entries } = memoryLogger('test');
    const handler = withInvocationLogging(
      { logger, summary: (r: { n: number }) => ({ n: r.n }) },
      async ({ event, log }) => {
        log.info('working', { on: (event as { orderId: string }).orderId });
        return { n: 1 };
      },
    );
    const context = { awsRequestId: 'req-1', functionName: 'orders-dev-reserve-stock' };
    await handler({ orderId: 'o-1' }, context);
    await handler({ orderId: 'o-2' }, { ...context, awsRequestId: 'req-2' });
    const lines = entries();
    expect(lines.map((l) => [l.message, l.correlationId, l.requestId, l.coldStart])).toEqual([
      ['invocation started', 'o-1', 'req-1', true],
      ['working', 'o-1', 'req-1', true],
      ['invocation succeeded', 'o-1', 'req-1', true],
      ['invocation started', 'o-2', 'req-2', false],
      ['working', 'o-2', 'req-2', false],
      ['invocation succeeded', 'o-2', 'req-2', false],
    ]);
    expect(lines.every((l) => l.functionName === 'orders-dev-reserve-stock')).toBe(true);
    expect(lines[2]).toMatchObject({ n: 1, durationMs: expect.any(Number) });
  });

  it('logs the error and rethrows it', async () => {
    const { logger, entries } = memoryLogger('test');
    const handler = withInvocationLogging({ logger, summary: () => ({}) }, async () => {
      throw new TypeError('boom');
    });
    await expect(handler({})).rejects.toThrow('boom');
    expect(entries().at(-1)).toMatchObject({
      level: 'ERROR',
      message: 'invocation failed',
      error: { name: 'TypeError', message: 'boom' },
    });
  });
});

describe('withSimulatedShortage', () => {
  const store: ReserveStore = {
    readOrder: async () => undefined,
    reserve: async () => ({ status: 'reserved' }),
  };
  const request = {
    orderId: 'o-1',
    lines: [
      { itemId: 'a', quantity: 1 },
      { itemId: 'b', quantity: 2 },
    ],
    reservedAt: '2026-11-29T12:00:00.000Z',
    expiresAt: 0,
  };
  const always = (short: boolean): Simulation => ({
    ...NO_SIMULATION,
    enabled: true,
    outOfStock: () => short,
  });

  it('is the store itself when the simulation is off', () => {
    expect(withSimulatedShortage(store, NO_SIMULATION, memoryLogger('t').logger)).toBe(store);
  });

  it('refuses the items it draws short, writing nothing', async () => {
    const { logger, entries } = memoryLogger('t');
    expect(await withSimulatedShortage(store, always(true), logger).reserve(request)).toEqual({
      status: 'refused',
      orderRefused: false,
      short: [
        { itemId: 'a', available: 0 },
        { itemId: 'b', available: 0 },
      ],
    });
    expect(entries()[0]).toMatchObject({ message: 'simulated out of stock: nothing reserved' });
  });

  it('passes the reservation on when nothing is drawn short', async () => {
    expect(
      await withSimulatedShortage(store, always(false), memoryLogger('t').logger).reserve(request),
    ).toEqual({
      status: 'reserved',
    });
  });
});
