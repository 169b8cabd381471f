import { describe, expect, it } from 'vitest';
import { type HistoryEvent, StateMachine, TaskError } from '../../src/index.js';
import { fakeTime } from '../support/fake-time.js';
import { runMachine } from '../support/run-machine.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const INVOKE = 'arn:aws:states:::lambda:invoke';

/** Checks the invariants of a GetExecutionHistory response. */
function expectWellFormed(events: HistoryEvent[]) {
  events.forEach((e, i) => {
    expect(e.id).toBe(i + 1);
    expect(e.timestamp).toBeInstanceOf(Date);
    expect(e.previousEventId).toBeLessThan(e.id);
    if (i > 0) expect(e.timestamp.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.timestamp.getTime());
  });
  expect(events[0]?.previousEventId).toBe(0);
}

describe('execution history (GetExecutionHistory shape)', () => {
  it('records Pass and Task events with their detail fields', async () => {
    const def = {
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'Pass', Result: { n: 1 }, Next: 'Call' },
        Call: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: 'f', 'Payload.$': '$' },
          OutputPath: '$.Payload',
          End: true,
        },
      },
    };
    const { exec } = await runMachine(
      def,
      { in: true },
      {
        [INVOKE]: async (req) => ({
          Payload: { echoed: (req.parameters as { Payload: unknown }).Payload },
          StatusCode: 200,
        }),
      },
      { roleArn: 'arn:aws:iam::1:role/r' },
    );
    const events = exec.history();
    expectWellFormed(events);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((e) => e.previousEventId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events[0]).toMatchObject({
      executionStartedEventDetails: {
        input: '{"in":true}',
        inputDetails: { truncated: false },
        roleArn: 'arn:aws:iam::1:role/r',
      },
    });
    expect(events[1]).toMatchObject({
      stateEnteredEventDetails: { name: 'Prepare', input: '{"in":true}', inputDetails: { truncated: false } },
    });
    expect(events[2]).toMatchObject({
      stateExitedEventDetails: { name: 'Prepare', output: '{"n":1}', outputDetails: { truncated: false } },
    });
    expect(events[4]).toMatchObject({
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke',
        region: 'us-east-1',
        parameters: '{"FunctionName":"f","Payload":{"n":1}}',
      },
    });
    expect(events[5]).toMatchObject({
      taskStartedEventDetails: { resourceType: 'lambda', resource: 'invoke' },
    });
    expect(events[6]).toMatchObject({
      taskSucceededEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke',
        output: '{"Payload":{"echoed":{"n":1}},"StatusCode":200}',
        outputDetails: { truncated: false },
      },
    });
    expect(events[8]).toMatchObject({
      executionSucceededEventDetails: { output: '{"echoed":{"n":1}}', outputDetails: { truncated: false } },
    });
  });

  it('uses LambdaFunction* events for a Lambda ARN resource and records failures', async () => {
    const def = { StartAt: 'F', States: { F: { Type: 'Task', Resource: FN, End: true } } };
    const { exec } = await runMachine(
      def,
      {},
      {
        [FN]: async () => {
          throw new TaskError('Boom', 'bad');
        },
      },
    );
    const events = exec.history();
    expectWellFormed(events);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'ExecutionFailed',
    ]);
    expect(events[2]).toMatchObject({ lambdaFunctionScheduledEventDetails: { resource: FN, input: '{}' } });
    expect(events[4]).toMatchObject({ lambdaFunctionFailedEventDetails: { error: 'Boom', cause: 'bad' } });
    expect(events[5]).toMatchObject({ executionFailedEventDetails: { error: 'Boom', cause: 'bad' } });
  });

  it('records Parallel and Map events, iterations included', async () => {
    const def = {
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }],
          Next: 'Map',
        },
        Map: {
          Type: 'Map',
          ItemsPath: '$[0].items',
          MaxConcurrency: 1,
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    const { exec } = await runMachine(def, { items: ['a', 'b'] });
    const events = exec.history();
    expectWellFormed(events);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'PassStateEntered',
      'PassStateExited',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'PassStateEntered',
      'PassStateExited',
      'MapIterationSucceeded',
      'MapIterationStarted',
      'PassStateEntered',
      'PassStateExited',
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[8]).toMatchObject({ mapStateStartedEventDetails: { length: 2 } });
    expect(events[9]).toMatchObject({ mapIterationStartedEventDetails: { name: 'Map', index: 0 } });
    expect(events[13]).toMatchObject({ mapIterationStartedEventDetails: { name: 'Map', index: 1 } });
  });

  it('stamps events with the injected clock and streams them to onEvent', async () => {
    const time = fakeTime(Date.parse('2030-05-01T12:00:00.000Z'));
    const seen: string[] = [];
    const sm = StateMachine.load({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } });
    const exec = sm.start({}, { clock: time.clock, sleep: time.sleep, onEvent: (e) => seen.push(e.type) });
    await exec.result;
    const events = exec.history();
    expect(events[0]?.timestamp.toISOString()).toBe('2030-05-01T12:00:00.000Z');
    expect(events.at(-1)?.timestamp.toISOString()).toBe('2030-05-01T12:00:10.000Z');
    expect(seen).toEqual(events.map((e) => e.type));
    expect(exec.startDate.toISOString()).toBe('2030-05-01T12:00:00.000Z');
  });

  it('can be switched off for throughput', async () => {
    const { exec, result } = await runMachine(
      { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      {},
      {},
      { history: false },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(exec.history()).toEqual([]);
    expect(exec.output).toEqual({});
  });
});
