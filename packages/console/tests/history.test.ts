import { describe, expect, it } from 'vitest';
import { END, type HistoryEventLike, JOIN, readHistory, START } from '../src/history.js';

/** Events with ids in order; `[type, previousEventId, details?]`. */
function history(...events: Array<[string, number, Record<string, unknown>?]>): HistoryEventLike[] {
  return events.map(([type, previousEventId, details], i) => ({
    id: i + 1,
    previousEventId,
    type,
    ...(details === undefined ? {} : { [`${type[0]?.toLowerCase()}${type.slice(1)}EventDetails`]: details }),
  }));
}
const entered = (type: string, name: string, previous: number, input = '{}') =>
  [`${type}StateEntered`, previous, { name, input }] as [string, number, Record<string, unknown>];
const exited = (type: string, name: string, previous: number, output = '{}') =>
  [`${type}StateExited`, previous, { name, output }] as [string, number, Record<string, unknown>];

describe('readHistory: how each state went, from the events alone', () => {
  it('a Task retried then succeeded, a Parallel whose branch failed and was caught, a Fail state', () => {
    const events = history(
      ['ExecutionStarted', 0, { input: '{"orderId":"o-1"}' }], // 1
      entered('Task', 'Charge', 1), // 2
      ['TaskScheduled', 2], // 3
      ['TaskFailed', 3, { error: 'Lambda.ServiceException' }], // 4
      ['TaskScheduled', 4], // 5
      ['TaskSucceeded', 5], // 6
      exited('Task', 'Charge', 6, '{"charged":true}'), // 7
      entered('Parallel', 'Both', 7), // 8
      ['ParallelStateStarted', 8], // 9
      entered('Task', 'Left', 9), // 10
      entered('Task', 'Right', 9), // 11
      ['TaskScheduled', 10], // 12
      ['TaskScheduled', 11], // 13
      ['TaskSucceeded', 12], // 14
      exited('Task', 'Left', 14), // 15
      ['TaskFailed', 13, { error: 'OutOfStock', cause: 'none left' }], // 16
      ['ParallelStateFailed', 9], // 17
      exited('Parallel', 'Both', 17, '{"Error":"OutOfStock","Cause":"none left"}'), // 18
      entered('Fail', 'Rejected', 18), // 19
      ['ExecutionFailed', 19, { error: 'OutOfStock' }], // 20
    );
    const r = readHistory(events, 'FAILED', 'exec-name');
    const status = Object.fromEntries([...r.states].map(([name, v]) => [name, v.status]));
    expect(status).toEqual({
      Charge: 'retried',
      Both: 'caught',
      Left: 'succeeded',
      Right: 'failed',
      Rejected: 'failed',
    });
    expect(r.states.get('Charge')).toMatchObject({ retries: 1, output: '{"charged":true}' });
    expect(r.states.get('Right')).toMatchObject({ error: 'OutOfStock', cause: 'none left' });
    expect(r.states.get('Both')).toMatchObject({ error: 'OutOfStock', cause: 'none left' });
    expect(r.orderId).toBe('o-1');
    expect(r.transitions).toEqual([
      { from: START, to: 'Charge' },
      { from: 'Charge', to: 'Both' },
      { from: 'Both', to: 'Left' },
      { from: 'Both', to: 'Right' },
      { from: `Both${JOIN}`, to: 'Rejected' },
      { from: 'Left', to: `Both${JOIN}` },
    ]);
    // 5 states entered + 1 retry
    expect(r.billableTransitions).toBe(6);
    expect(r.stepOf.get(16)).toBe('Right');
    expect(r.stepOf.get(17)).toBe('Both');
  });

  it('a Task whose failure a Catch took is caught; the end of a succeeded run is a transition to the end', () => {
    const events = history(
      ['ExecutionStarted', 0, { input: '{}' }],
      entered('Task', 'Charge', 1),
      ['TaskScheduled', 2],
      ['TaskFailed', 3, { error: 'PaymentError' }],
      exited('Task', 'Charge', 4),
      entered('Task', 'Release', 5),
      ['TaskScheduled', 6],
      ['TaskSucceeded', 7],
      exited('Task', 'Release', 8),
      ['ExecutionSucceeded', 9],
    );
    const r = readHistory(events, 'SUCCEEDED', 'exec-name');
    expect(r.states.get('Charge')).toMatchObject({ status: 'caught', error: 'PaymentError', retries: 0 });
    expect(r.states.get('Release')?.status).toBe('succeeded');
    expect(r.transitions.at(-1)).toEqual({ from: 'Release', to: END });
    expect(r.orderId).toBe('exec-name');
  });

  it('a state not left yet is running, or stopped once the execution has ended without it', () => {
    const events = history(['ExecutionStarted', 0, { input: '{}' }], entered('Task', 'Charge', 1), [
      'TaskScheduled',
      2,
    ]);
    expect(readHistory(events, 'RUNNING').states.get('Charge')?.status).toBe('running');
    expect(readHistory(events, 'ABORTED').states.get('Charge')?.status).toBe('stopped');
  });
});
