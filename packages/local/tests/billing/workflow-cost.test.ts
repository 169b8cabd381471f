import { describe, expect, it } from 'vitest';
import {
  billableTransitions,
  expressBilledMemoryMb,
  expressCost,
  standardCost,
} from '../../src/billing/workflow-cost.js';

const events = (...types: string[]) => types.map((type) => ({ type }));

describe('billableTransitions', () => {
  it('counts every state entered', () => {
    const history = events(
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    );
    expect(billableTransitions(history)).toBe(2);
  });

  it('counts each retry of a task as another transition', () => {
    const history = events(
      'TaskStateEntered',
      'TaskScheduled',
      'TaskFailed',
      'TaskScheduled',
      'TaskFailed',
      'TaskScheduled',
    );
    expect(billableTransitions(history)).toBe(3);
  });
});

describe('prices', () => {
  it('charges Standard $0.025 per 1,000 transitions', () => {
    expect(standardCost(17) * 1_000_000).toBeCloseTo(425, 6);
  });

  it('charges Express per request plus GB-seconds rounded up to 100 ms at 64 MB chunks', () => {
    expect(expressBilledMemoryMb(10_000, 2_000)).toBe(64);
    expect(expressBilledMemoryMb(20 * 1024 * 1024, 0)).toBe(128);
    // 1 request + 0.1 s x 0.0625 GB x $0.00001667
    expect(expressCost(34, 64)).toBeCloseTo(1e-6 + 0.1 * 0.0625 * 0.00001667, 15);
    expect(expressCost(101, 64)).toBeCloseTo(1e-6 + 0.2 * 0.0625 * 0.00001667, 15);
  });
});
