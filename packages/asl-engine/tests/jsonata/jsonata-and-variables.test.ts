import { describe, expect, it } from 'vitest';
import { createVirtualTime, StateMachine, TaskError } from '../../src/index.js';
import { runMachine, single } from '../support/run-machine.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';

describe('JSONata query language', () => {
  it('evaluates Arguments and Output with $states.input, $states.result and $states.context', async () => {
    const def = single(
      {
        Type: 'Task',
        Resource: FN,
        Arguments: {
          sum: '{% $sum($states.input.n) %}',
          static: 'text',
          nested: ['{% $states.input.n[0] %}'],
        },
        Output: { result: '{% $states.result %}', state: '{% $states.context.State.Name %}' },
      },
      { QueryLanguage: 'JSONata' },
    );
    const { result } = await runMachine(def, { n: [1, 2, 3] }, { [FN]: async (req) => req.parameters });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { result: { sum: 6, static: 'text', nested: [1] }, state: 'S' },
    });
  });

  it('can be chosen per state inside a JSONPath machine', async () => {
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { 'v.$': '$.x' }, Next: 'B' },
        B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.v * 2 %}', End: true },
      },
    };
    expect((await runMachine(def, { x: 21 })).result).toEqual({ status: 'SUCCEEDED', output: 42 });
  });

  it('offers the Step Functions functions ($partition, $range, $hash, $parse, $uuid, $random)', async () => {
    const def = single(
      {
        Type: 'Pass',
        Output: {
          p: '{% $partition([1,2,3], 2) %}',
          r: '{% $range(0, 4, 2) %}',
          h: "{% $hash('input data', 'SHA-1') %}",
          j: '{% $parse($states.input.text) %}',
          u: '{% $length($uuid()) %}',
          x: '{% $random() < 1 %}',
        },
      },
      { QueryLanguage: 'JSONata' },
    );
    const { result } = await runMachine(def, { text: '{"a":[1]}' });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        p: [[1, 2], [3]],
        r: [0, 2, 4],
        h: 'aaff4a450a104cd177d28d18d74485e8cae074b7',
        j: { a: [1] },
        u: 36,
        x: true,
      },
    });
  });

  it('fails with States.QueryEvaluationError when an expression returns nothing or throws', async () => {
    const nothing = await runMachine(
      single({ Type: 'Pass', Output: '{% $states.input.missing %}' }, { QueryLanguage: 'JSONata' }),
    );
    expect(nothing.result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
    expect((nothing.result as { cause: string }).cause).toContain('returned nothing (undefined)');
    const throws = await runMachine(
      single({ Type: 'Pass', Output: "{% $number('x') %}" }, { QueryLanguage: 'JSONata' }),
    );
    expect(throws.result).toMatchObject({ status: 'FAILED', error: 'States.QueryEvaluationError' });
  });

  it('routes Choice on Condition and catches errors into $states.errorOutput', async () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.go %}', Next: 'T' }], Default: 'No' },
        No: { Type: 'Succeed', Output: 'no' },
        T: {
          Type: 'Task',
          Resource: FN,
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Output: '{% $states.errorOutput.Error & ": " & $states.errorOutput.Cause %}',
              Next: 'Done',
            },
          ],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    const handlers = {
      [FN]: async () => {
        throw new TaskError('Oops', 'it broke');
      },
    };
    expect((await runMachine(def, { go: true }, handlers)).result).toEqual({
      status: 'SUCCEEDED',
      output: 'Oops: it broke',
    });
    expect((await runMachine(def, { go: false }, handlers)).result).toEqual({
      status: 'SUCCEEDED',
      output: 'no',
    });
  });

  it('iterates Items with an ItemSelector and evaluates Wait seconds', async () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: '{% $states.input.delay %}', Next: 'M' },
        M: {
          Type: 'Map',
          Items: '{% $states.input.xs %}',
          ItemSelector: {
            v: '{% $states.context.Map.Item.Value * 10 %}',
            i: '{% $states.context.Map.Item.Index %}',
          },
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    const { result, time } = await runMachine(def, { delay: 90, xs: [1, 2] });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { v: 10, i: 0 },
        { v: 20, i: 1 },
      ],
    });
    expect(time.sleeps).toEqual([90_000]);
  });
});

describe('Variables (Assign)', () => {
  it('assigns after the state, with every expression seeing the values from before it', async () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1, y: 2 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: '{% $y %}', y: '{% $x %}' }, Output: '{% [$x, $y] %}', Next: 'C' },
        C: { Type: 'Pass', Output: '{% [$x, $y] %}', End: true },
      },
    };
    const { result, exec } = await runMachine(def);
    expect(result).toEqual({ status: 'SUCCEEDED', output: [2, 1] });
    const exited = exec
      .history()
      .find(
        (e) => e.type === 'PassStateExited' && (e.stateExitedEventDetails as { name: string }).name === 'B',
      );
    expect(exited?.stateExitedEventDetails).toMatchObject({ assignedVariables: { x: '2', y: '1' } });
  });

  it('works in JSONPath states too ($var paths, Task results)', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: FN, Assign: { 'got.$': '$.value' }, ResultPath: null, Next: 'P' },
        P: { Type: 'Pass', Parameters: { 'v.$': '$got', 'f.$': "States.Format('{}!', $got)" }, End: true },
      },
    };
    const { result } = await runMachine(def, {}, { [FN]: async () => ({ value: 'ok' }) });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { v: 'ok', f: 'ok!' } });
  });

  it('lets Map iterations read outer variables while their own assignments stay inside', async () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { factor: 3, inner: 'outer' }, Next: 'M' },
        M: {
          Type: 'Map',
          Items: [1, 2],
          ItemProcessor: {
            StartAt: 'Mul',
            States: {
              Mul: {
                Type: 'Pass',
                Assign: { inner: 'changed' },
                Output: '{% $states.input * $factor %}',
                End: true,
              },
            },
          },
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% {"results": $states.input, "inner": $inner} %}', End: true },
      },
    };
    const { result } = await runMachine(def);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { results: [3, 6], inner: 'outer' } });
  });
});

describe('JSONata time functions', () => {
  it('read the execution clock, so a virtual hour-long Wait moves $now() and $millis() by an hour', async () => {
    const start = Date.UTC(2026, 0, 1, 12, 0, 0);
    const time = createVirtualTime(start);
    const sm = StateMachine.load({
      QueryLanguage: 'JSONata',
      StartAt: 'Before',
      States: {
        Before: { Type: 'Pass', Assign: { before: '{% $millis() %}' }, Next: 'Sleep' },
        Sleep: { Type: 'Wait', Seconds: 3600, Next: 'After' },
        After: {
          Type: 'Pass',
          Output: {
            now: '{% $now() %}',
            elapsed: '{% $millis() - $before %}',
            formatted: "{% $now('[Y0001]-[M01]-[D01] [H01]:[m01]', '+0100') %}",
          },
          End: true,
        },
      },
    });
    const exec = sm.start({}, { dispatcher: [], clock: time.clock, sleep: time.sleep });
    expect(await exec.result).toEqual({
      status: 'SUCCEEDED',
      output: { now: '2026-01-01T13:00:00.000Z', elapsed: 3_600_000, formatted: '2026-01-01 14:00' },
    });
  });
});
