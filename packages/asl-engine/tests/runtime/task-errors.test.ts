import { describe, expect, it } from 'vitest';
import { createVirtualTime, StateMachine, TaskError, type TaskRequest } from '../../src/index.js';
import { errorMatches, retryDelayMs } from '../../src/runtime/retry-and-catch.js';
import { hang } from '../support/fake-time.js';
import { runMachine, single } from '../support/run-machine.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';

describe('Task state', () => {
  it('sends the effective parameters and context to the matching handler', async () => {
    let seen: TaskRequest | undefined;
    const def = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f', 'Payload.$': '$' },
      ResultSelector: { 'body.$': '$.Payload' },
      ResultPath: '$.r',
    });
    const { result } = await runMachine(
      def,
      { a: 1 },
      {
        'arn:aws:states:::lambda:invoke': async (req) => {
          seen = req;
          return { Payload: { ok: true }, StatusCode: 200 };
        },
      },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { a: 1, r: { body: { ok: true } } } });
    expect(seen?.parameters).toEqual({ FunctionName: 'f', Payload: { a: 1 } });
    expect(seen?.stateName).toBe('S');
    expect(seen?.context.State).toMatchObject({ Name: 'S', RetryCount: 0 });
    expect(seen?.signal.aborted).toBe(false);
  });

  it('accepts a match list as dispatcher (string or RegExp)', async () => {
    const sm = StateMachine.load(single({ Type: 'Task', Resource: FN }));
    const exec = sm.start({}, { dispatcher: [{ match: /function:f$/, handler: async () => 'via regexp' }] });
    expect(await exec.result).toEqual({ status: 'SUCCEEDED', output: 'via regexp' });
  });

  it('maps thrown errors to error name and cause', async () => {
    const typed = await runMachine(
      single({ Type: 'Task', Resource: FN }),
      {},
      {
        [FN]: async () => {
          throw new TaskError('PaymentError', 'card declined');
        },
      },
    );
    expect(typed.result).toEqual({ status: 'FAILED', error: 'PaymentError', cause: 'card declined' });
    const plain = await runMachine(
      single({ Type: 'Task', Resource: FN }),
      {},
      {
        [FN]: async () => {
          throw new RangeError('bad');
        },
      },
    );
    expect(plain.result).toEqual({ status: 'FAILED', error: 'RangeError', cause: 'bad' });
  });

  it('retries with exponential back-off capped by MaxDelaySeconds, without real waiting', async () => {
    let calls = 0;
    const def = single({
      Type: 'Task',
      Resource: FN,
      Retry: [
        { ErrorEquals: ['Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 4, MaxDelaySeconds: 10 },
      ],
    });
    const { result, time } = await runMachine(
      def,
      {},
      {
        [FN]: async (req) => {
          calls++;
          if (calls < 5) throw new TaskError('Flaky', `try ${req.context.State.RetryCount}`);
          return { attempt: calls, retryCount: req.context.State.RetryCount };
        },
      },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { attempt: 5, retryCount: 4 } });
    expect(time.sleeps).toEqual([2000, 6000, 10000, 10000]);
  });

  it('gives up after MaxAttempts and applies FULL jitter with the injected random source', async () => {
    const def = single({
      Type: 'Task',
      Resource: FN,
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2, JitterStrategy: 'FULL' }],
    });
    const { result, time } = await runMachine(
      def,
      {},
      {
        [FN]: async () => {
          throw new TaskError('Nope');
        },
      },
      { random: () => 0.5 },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'Nope' });
    expect(time.sleeps).toEqual([500, 1000]);
  });

  it('catches errors into ResultPath and follows the catcher', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: FN,
          Catch: [
            { ErrorEquals: ['Other'], Next: 'Unused' },
            { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Handled' },
          ],
          End: true,
        },
        Unused: { Type: 'Fail' },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const { result } = await runMachine(
      def,
      { id: 1 },
      {
        [FN]: async () => {
          throw new TaskError('PaymentError', 'declined');
        },
      },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { id: 1, error: { Error: 'PaymentError', Cause: 'declined' } },
    });
  });

  it('never catches States.Runtime, not even with States.ALL', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: FN,
          OutputPath: '$.missing',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }],
          End: true,
        },
        C: { Type: 'Succeed' },
      },
    };
    const { result } = await runMachine(def, {}, { [FN]: async () => ({}) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('times out with States.Timeout (TimeoutSeconds and TimeoutSecondsPath) and aborts the handler', async () => {
    let signal: AbortSignal | undefined;
    const handler = async (req: TaskRequest) => {
      signal = req.signal;
      return hang(req.signal);
    };
    const { result, time } = await runMachine(
      single({ Type: 'Task', Resource: FN, TimeoutSeconds: 300 }),
      {},
      { [FN]: handler },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(time.sleeps).toContain(300_000);
    expect(signal?.aborted).toBe(true);
    const byPath = await runMachine(
      single({ Type: 'Task', Resource: FN, TimeoutSecondsPath: '$.t' }),
      { t: 5 },
      { [FN]: handler },
    );
    expect(byPath.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('fails with States.HeartbeatTimeout unless the handler sends heartbeats', async () => {
    const def = single({ Type: 'Task', Resource: FN, HeartbeatSeconds: 10, TimeoutSeconds: 100 });
    const silent = await runMachine(def, {}, { [FN]: async (req) => hang(req.signal) });
    expect(silent.result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    const chatty = await runMachine(
      def,
      {},
      {
        [FN]: async (req) => {
          req.heartbeat();
          return 'done';
        },
      },
    );
    expect(chatty.result).toEqual({ status: 'SUCCEEDED', output: 'done' });
  });

  it('fails with States.DataLimitExceeded when a task returns more than 256 KiB', async () => {
    const { result } = await runMachine(
      single({ Type: 'Task', Resource: FN }),
      {},
      { [FN]: async () => 'é'.repeat(140_000) },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('fails with States.Runtime when no handler matches the resource', async () => {
    const { result } = await runMachine(single({ Type: 'Task', Resource: FN }));
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('Wait state and execution limits', () => {
  it('settles stop() and the machine timeout even when a handler ignores its signal', async () => {
    const sm = StateMachine.load(single({ Type: 'Task', Resource: FN }, { TimeoutSeconds: 5 }));
    const never = () => new Promise<never>(() => undefined);
    const time = createVirtualTime();
    const timedOut = sm.start(
      {},
      { dispatcher: [{ match: FN, handler: never }], clock: time.clock, sleep: time.sleep },
    );
    expect(await timedOut.result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const stopped = StateMachine.load(single({ Type: 'Task', Resource: FN })).start(
      {},
      {
        dispatcher: [{ match: FN, handler: never }],
      },
    );
    stopped.stop();
    expect(await stopped.result).toEqual({ status: 'ABORTED' });
  });

  it('waits Seconds, SecondsPath, Timestamp and TimestampPath on the injected sleeper', async () => {
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Wait', Seconds: 3600, Next: 'B' },
        B: { Type: 'Wait', SecondsPath: '$.s', Next: 'C' },
        C: { Type: 'Wait', Timestamp: '2026-01-02T00:00:00Z', Next: 'D' },
        D: { Type: 'Wait', TimestampPath: '$.until', End: true },
      },
    };
    const { result, time } = await runMachine(def, { s: 60, until: '2026-01-02T00:00:30.000Z' });
    expect(result.status).toBe('SUCCEEDED');
    expect(time.sleeps).toEqual([3_600_000, 60_000, 86_400_000 - 3_660_000, 30_000]);
  });

  it('rejects a bad SecondsPath or TimestampPath value with States.Runtime', async () => {
    const neg = await runMachine(single({ Type: 'Wait', SecondsPath: '$.s' }), { s: -1 });
    expect(neg.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    const bad = await runMachine(single({ Type: 'Wait', TimestampPath: '$.t' }), {
      t: '2016-12-05 21:29:29Z',
    });
    expect(bad.result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('times the whole execution out (TIMED_OUT) after the machine TimeoutSeconds', async () => {
    const def = single({ Type: 'Wait', Seconds: 7200 }, { TimeoutSeconds: 60 });
    const { result, exec } = await runMachine(def);
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(exec.status).toBe('TIMED_OUT');
    expect(exec.history().at(-1)?.type).toBe('ExecutionTimedOut');
  });

  it('stop() aborts a running execution and the task signal', async () => {
    let signal: AbortSignal | undefined;
    let started!: () => void;
    const ready = new Promise<void>((r) => {
      started = r;
    });
    const sm = StateMachine.load(single({ Type: 'Task', Resource: FN }));
    const exec = sm.start(
      {},
      {
        dispatcher: [
          {
            match: FN,
            handler: (req) => {
              signal = req.signal;
              started();
              return hang(req.signal);
            },
          },
        ],
      },
    );
    await ready;
    exec.stop('Operator', 'manual stop');
    expect(await exec.result).toEqual({ status: 'ABORTED', error: 'Operator', cause: 'manual stop' });
    expect(signal?.aborted).toBe(true);
    expect(exec.status).toBe('ABORTED');
    expect(exec.stopDate).toBeInstanceOf(Date);
    expect(exec.history().at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Operator', cause: 'manual stop' },
    });
  });
});

describe('endless loops', () => {
  it('can be stopped even when no state ever waits', async () => {
    const sm = StateMachine.load({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } },
    });
    const exec = sm.start({}, { history: false });
    setTimeout(() => exec.stop('Enough'), 20);
    expect(await exec.result).toEqual({ status: 'ABORTED', error: 'Enough' });
  });
});

describe('error matching', () => {
  const err = (name: string) => new TaskError(name);
  it('follows the AWS wildcard rules', () => {
    expect(errorMatches(['States.ALL'], err('Anything'))).toBe(true);
    expect(errorMatches(['States.ALL'], err('States.Runtime'))).toBe(false);
    expect(errorMatches(['States.Runtime'], err('States.Runtime'))).toBe(false);
    expect(errorMatches(['States.TaskFailed'], err('Lambda.Unknown'))).toBe(true);
    expect(errorMatches(['States.TaskFailed'], err('States.Timeout'))).toBe(false);
    expect(errorMatches(['States.ALL'], err('States.DataLimitExceeded'))).toBe(true);
    expect(errorMatches(['A', 'B'], err('B'))).toBe(true);
  });

  it('computes back-off delays', () => {
    const r = { ErrorEquals: ['X'], IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 5 };
    expect([0, 1, 2, 3, 4].map((n) => retryDelayMs(r, n, Math.random))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
    expect(retryDelayMs({ ErrorEquals: ['X'] }, 0, Math.random)).toBe(1000);
  });
});
