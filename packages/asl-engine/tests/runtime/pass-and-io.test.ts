import { describe, expect, it } from 'vitest';
import { runMachine, single } from '../support/run-machine.js';

describe('Pass state and JSONPath input/output processing', () => {
  it('passes input through by default', async () => {
    const { result } = await runMachine(single({ Type: 'Pass' }), { a: 1 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { a: 1 } });
  });

  it('applies InputPath, Parameters (.$ keys, intrinsics, $$), ResultPath and OutputPath in order', async () => {
    const def = single({
      Type: 'Pass',
      InputPath: '$.order',
      Parameters: {
        'id.$': '$.id',
        'greeting.$': "States.Format('order {}', $.id)",
        'state.$': '$$.State.Name',
        literal: { 'keep.$': '$.id' },
      },
      ResultPath: '$.processed',
      OutputPath: '$.processed',
    });
    const { result } = await runMachine(def, { order: { id: 7 } });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { id: 7, greeting: 'order 7', state: 'S', literal: { keep: 7 } },
    });
  });

  it('merges the result into the raw input at ResultPath, creating objects on the way', async () => {
    const def = single({ Type: 'Pass', Result: { ok: true }, ResultPath: '$.a.b' });
    const { result } = await runMachine(def, { x: 1 });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { x: 1, a: { b: { ok: true } } } });
  });

  it('discards the result with ResultPath null and yields {} with OutputPath null', async () => {
    expect(
      (await runMachine(single({ Type: 'Pass', Result: 1, ResultPath: null }), { x: 1 })).result,
    ).toEqual({
      status: 'SUCCEEDED',
      output: { x: 1 },
    });
    expect((await runMachine(single({ Type: 'Pass', OutputPath: null }), { x: 1 })).result).toEqual({
      status: 'SUCCEEDED',
      output: {},
    });
  });

  it('exposes the context object through $$', async () => {
    const def = single({ Type: 'Pass', Parameters: { 'ctx.$': '$$' } });
    const { result } = await runMachine(
      def,
      { x: 1 },
      {},
      { name: 'run-1', stateMachineArn: 'arn:aws:states:eu-west-1:1:stateMachine:orders' },
    );
    expect(result.status).toBe('SUCCEEDED');
    const ctx = (result as { output: { ctx: Record<string, Record<string, unknown>> } }).output.ctx;
    expect(ctx.Execution).toMatchObject({
      Id: 'arn:aws:states:eu-west-1:1:execution:orders:run-1',
      Name: 'run-1',
      Input: { x: 1 },
      StartTime: '2026-01-01T00:00:00.000Z',
    });
    expect(ctx.State).toEqual({ Name: 'S', EnteredTime: '2026-01-01T00:00:00.000Z' });
    expect(ctx.StateMachine).toEqual({
      Id: 'arn:aws:states:eu-west-1:1:stateMachine:orders',
      Name: 'orders',
    });
  });

  it('fails with States.Runtime when a path is missing', async () => {
    const { result } = await runMachine(single({ Type: 'Pass', Parameters: { 'v.$': '$.missing' } }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect((result as { cause: string }).cause).toContain(
      "The JSONPath '$.missing' specified for the field 'v.$'",
    );
    const r2 = await runMachine(single({ Type: 'Pass', InputPath: '$.nope' }), {});
    expect(r2.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('fails with States.DataLimitExceeded when an output exceeds 256 KiB', async () => {
    const def = single({ Type: 'Pass', Parameters: { 'big.$': '$.s' } });
    const { result } = await runMachine(def, { s: 'x'.repeat(200_000), t: 'y'.repeat(100_000) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    const ok = await runMachine(def, { s: 'x'.repeat(200_000) });
    expect(ok.result.status).toBe('SUCCEEDED');
  });
});

describe('Succeed, Fail and Choice', () => {
  it('fails with the Fail state error and cause, or none', async () => {
    const r = await runMachine(single({ Type: 'Fail', Error: 'Boom', Cause: 'because' }));
    expect(r.result).toEqual({ status: 'FAILED', error: 'Boom', cause: 'because' });
    const bare = await runMachine(single({ Type: 'Fail' }));
    expect(bare.result).toEqual({ status: 'FAILED' });
    const dyn = await runMachine(
      single({ Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('code {}', $.c)" }),
      { e: 'E1', c: 42 },
    );
    expect(dyn.result).toEqual({ status: 'FAILED', error: 'E1', cause: 'code 42' });
  });

  it('routes on choice rules, combinators and Default', async () => {
    const def = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.n', NumericGreaterThan: 10 },
                { Not: { Variable: '$.s', StringEquals: 'x' } },
              ],
              Next: 'Big',
            },
            { Variable: '$.s', StringMatches: 'a*c', Next: 'Match' },
            { Variable: '$.t', TimestampLessThanPath: '$.limit', Next: 'Early' },
          ],
          Default: 'Other',
        },
        Big: { Type: 'Pass', Result: 'big', End: true },
        Match: { Type: 'Pass', Result: 'match', End: true },
        Early: { Type: 'Pass', Result: 'early', End: true },
        Other: { Type: 'Succeed' },
      },
    };
    const out = async (input: unknown) =>
      ((await runMachine(def, input)).result as { output: unknown }).output;
    expect(await out({ n: 11, s: 'y' })).toBe('big');
    expect(await out({ n: 1, s: 'abbc' })).toBe('match');
    expect(await out({ n: 1, s: 'z', t: '2020-01-01T00:00:00Z', limit: '2021-01-01T00:00:00+02:00' })).toBe(
      'early',
    );
    expect(await out({ n: 1, s: 'z', t: '2022-01-01T00:00:00Z', limit: '2021-01-01T00:00:00Z' })).toEqual({
      n: 1,
      s: 'z',
      t: '2022-01-01T00:00:00Z',
      limit: '2021-01-01T00:00:00Z',
    });
  });

  it('treats type mismatches as false, IsPresent as a test and a missing variable as States.Runtime', async () => {
    const def = (rule: Record<string, unknown>) => ({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ ...rule, Next: 'T' }], Default: 'F' },
        T: { Type: 'Pass', Result: true, End: true },
        F: { Type: 'Pass', Result: false, End: true },
      },
    });
    const out = async (rule: Record<string, unknown>, input: unknown) =>
      (await runMachine(def(rule), input)).result;
    expect(await out({ Variable: '$.v', NumericEquals: 1 }, { v: '1' })).toEqual({
      status: 'SUCCEEDED',
      output: false,
    });
    expect(await out({ Variable: '$.v', IsPresent: false }, {})).toEqual({
      status: 'SUCCEEDED',
      output: true,
    });
    expect(await out({ Variable: '$.v', IsTimestamp: true }, { v: '2016-03-14T01:59:00Z' })).toEqual({
      status: 'SUCCEEDED',
      output: true,
    });
    expect(await out({ Variable: '$.v', StringEquals: 'a' }, {})).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
    });
  });

  it('fails with States.NoChoiceMatched when nothing matches and there is no Default', async () => {
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.a', BooleanEquals: true, Next: 'D' }] },
        D: { Type: 'Succeed' },
      },
    };
    expect((await runMachine(def, { a: false })).result).toMatchObject({
      status: 'FAILED',
      error: 'States.NoChoiceMatched',
    });
  });
});
