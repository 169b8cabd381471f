import { describe, expect, it } from 'vitest';
import { StateMachine } from '../../src/index.js';

/** Loads without validation (as a harness does for a definition it wants to see fail at run time) and runs it. */
async function runUnvalidated(definition: unknown, input: unknown = {}) {
  const sm = StateMachine.load(definition, { validate: false });
  return sm.start(input).result;
}

describe('compiling a definition at load', () => {
  it('defers a path that does not parse to the state that uses it (States.Runtime there)', async () => {
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Pass', Parameters: { 'x.$': '$.[' }, End: true },
      },
    };
    expect(await runUnvalidated(def)).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: expect.stringContaining("executing the state 'B'"),
    });
  });

  it('defers a JSONata expression that does not parse to evaluation (States.QueryEvaluationError)', async () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', Output: '{% $states.input.( %}', End: true } },
    };
    expect(await runUnvalidated(def)).toMatchObject({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
      cause: expect.stringContaining('is invalid'),
    });
  });

  it('gives every execution a fresh copy of a template’s static parts', async () => {
    const sm = StateMachine.load({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Parameters: { fixed: { list: [1] }, 'v.$': '$.v' }, End: true } },
    });
    const first = await sm.start({ v: 1 }).result;
    (first as { output: { fixed: { list: number[] } } }).output.fixed.list.push(2);
    const second = await sm.start({ v: 2 }).result;
    expect(second).toEqual({ status: 'SUCCEEDED', output: { fixed: { list: [1] }, v: 2 } });
  });

  it('reports an unknown state type when the state runs', async () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Bogus', End: true } } };
    expect(await runUnvalidated(def)).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: expect.stringContaining("Unknown state type 'Bogus'"),
    });
  });
});
