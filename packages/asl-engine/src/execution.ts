import { randomUUID } from 'node:crypto';
import type { CompiledMachine } from './definition/compiled-types.js';
import { STATES_ERRORS, StatesError, toStatesError } from './errors.js';
import { Cancellation } from './runtime/cancellation.js';
import type { Runtime, TokenWaiter } from './runtime/frame.js';
import { HistoryRecorder, LazyJson, NOT_TRUNCATED } from './runtime/history-recorder.js';
import { runMachine } from './runtime/machine-runner.js';
import { withinPayloadLimit } from './runtime/payload-size.js';
import { realSleep } from './runtime/real-sleep.js';
import { VariableScope } from './runtime/variable-scope.js';
import type {
  Clock,
  ContextObject,
  Dispatcher,
  ExecutionResult,
  ExecutionStatus,
  HistoryEvent,
  StartOptions,
  TaskHandler,
} from './types.js';

const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/** Turns a dispatcher (object or match list) into a lookup function. */
export function toResolver(d: Dispatcher | undefined): (resource: string) => TaskHandler | undefined {
  if (!d) return () => undefined;
  const cached = resolverCache.get(d);
  if (cached) return cached;
  const r = buildResolver(d);
  resolverCache.set(d, r);
  return r;
}

function buildResolver(d: Dispatcher): (resource: string) => TaskHandler | undefined {
  if (!Array.isArray(d)) return (r) => d.resolve(r);
  return (r) => {
    for (const { match, handler } of d) {
      if (typeof match === 'string' ? match === r || match === '*' : match.test(r)) return handler;
    }
    return undefined;
  };
}

interface ParsedArn {
  readonly region: string;
  readonly account: string;
  readonly name: string;
  /** `arn:aws:states:<region>:<account>` */
  readonly prefix: string;
  readonly context: ContextObject['StateMachine'];
}

const arnCache = new Map<string, ParsedArn>();

/** Region, account and name of a state machine / execution ARN (cached: machines start many times). */
function parseArn(arn: string): ParsedArn {
  let p = arnCache.get(arn);
  if (p) return p;
  const parts = arn.split(':');
  const region = parts[3] || 'us-east-1';
  const account = parts[4] || '123456789012';
  const name = parts[6] ?? arn;
  p = {
    region,
    account,
    name,
    prefix: `arn:aws:states:${region}:${account}`,
    context: { Id: arn, Name: name },
  };
  if (arnCache.size > 1000) arnCache.clear();
  arnCache.set(arn, p);
  return p;
}

const resolverCache = new WeakMap<object, (resource: string) => TaskHandler | undefined>();

class StopSignal extends StatesError {
  constructor(
    readonly status: 'ABORTED' | 'TIMED_OUT',
    error: string | undefined,
    cause: string | undefined,
  ) {
    super(error, cause);
  }
}

/** One run of a state machine: its result, status and GetExecutionHistory-shaped events. */
export class Execution {
  readonly result: Promise<ExecutionResult>;
  readonly executionArn: string;
  readonly name: string;
  readonly startDate: Date;
  status: ExecutionStatus = 'RUNNING';
  stopDate: Date | undefined;
  output: unknown;
  private readonly ctrl = new Cancellation();
  private readonly recorder: HistoryRecorder;
  private readonly thread = { last: 0 };
  private readonly clock: Clock;
  private readonly tokens = new Map<string, TokenWaiter>();

  constructor(machine: CompiledMachine, input: unknown, opts: StartOptions, smName: string) {
    this.clock = opts.clock ?? SYSTEM_CLOCK;
    this.recorder = new HistoryRecorder(this.clock, opts.history ?? true, opts.onEvent);
    this.name = opts.name ?? randomUUID();
    const sm = parseArn(
      opts.stateMachineArn ?? `arn:aws:states:us-east-1:123456789012:stateMachine:${smName}`,
    );
    const express = opts.type === 'EXPRESS';
    this.executionArn =
      opts.executionArn ??
      (express
        ? `${sm.prefix}:express:${sm.name}:${this.name}:${randomUUID()}`
        : `${sm.prefix}:execution:${sm.name}:${this.name}`);
    const startMs = this.clock.now();
    this.startDate = new Date(startMs);
    const roleArn = opts.roleArn ?? `arn:aws:iam::${sm.account}:role/StepFunctionsRole`;
    const execution: ContextObject['Execution'] = {
      Id: this.executionArn,
      Input: input,
      Name: this.name,
      RoleArn: roleArn,
      StartTime: new Date(startMs).toISOString(),
    };
    if (!express) execution.RedriveCount = 0;
    const rt: Runtime = {
      clock: this.clock,
      sleep: opts.sleep ?? realSleep,
      resolveHandler: toResolver(opts.dispatcher),
      region: opts.executionArn ? parseArn(opts.executionArn).region : sm.region,
      random: opts.random ?? Math.random,
      tokens: this.tokens,
      execution,
      stateMachine: sm.context,
    };
    this.result = this.run(machine, input, rt, roleArn);
  }

  private async run(
    machine: CompiledMachine,
    input: unknown,
    rt: Runtime,
    roleArn: string,
  ): Promise<ExecutionResult> {
    const h = this.recorder;
    h.add(
      this.thread,
      'ExecutionStarted',
      h.active ? { input: new LazyJson(input), inputDetails: NOT_TRUNCATED, roleArn } : undefined,
    );
    const timers = machine.timeoutSeconds !== undefined ? new AbortController() : undefined;
    try {
      if (!withinPayloadLimit(input)) {
        throw new StatesError(
          STATES_ERRORS.DataLimitExceeded,
          'The execution input exceeds the maximum size of 256 KiB.',
        );
      }
      const seconds = machine.timeoutSeconds;
      if (timers && seconds !== undefined) {
        const signal = timers.signal;
        rt.sleep(seconds * 1000, signal).then(
          () => {
            if (!signal.aborted)
              this.ctrl.abort(
                new StopSignal(
                  'TIMED_OUT',
                  STATES_ERRORS.Timeout,
                  `Execution timed out after ${seconds} seconds.`,
                ),
              );
          },
          () => undefined,
        );
      }
      const running = runMachine(machine, input, {
        rt,
        history: h,
        thread: this.thread,
        vars: new VariableScope(),
        cancel: this.ctrl,
      });
      // stop() and the machine timeout settle the execution even if a handler ignores its signal
      const stopped = new Promise<never>((_, reject) => {
        this.ctrl.onAbort(reject);
      });
      running.catch(() => undefined);
      stopped.catch(() => undefined);
      const output = await Promise.race([running, stopped]);
      if (this.ctrl.aborted) throw this.ctrl.reason;
      this.finish('SUCCEEDED');
      this.output = output;
      h.add(
        this.thread,
        'ExecutionSucceeded',
        h.active ? { output: new LazyJson(output), outputDetails: NOT_TRUNCATED } : undefined,
      );
      return { status: 'SUCCEEDED', output };
    } catch (e) {
      const reason = this.ctrl.aborted ? this.ctrl.reason : e;
      const err = toStatesError(reason);
      const status = reason instanceof StopSignal ? reason.status : 'FAILED';
      this.finish(status);
      const d: Record<string, unknown> = {};
      if (err.error !== undefined) d.error = err.error;
      if (err.cause !== undefined) d.cause = err.cause;
      const type =
        status === 'FAILED'
          ? 'ExecutionFailed'
          : status === 'TIMED_OUT'
            ? 'ExecutionTimedOut'
            : 'ExecutionAborted';
      h.add(this.thread, type, h.active ? d : undefined);
      const r: ExecutionResult = { status } as ExecutionResult;
      if (err.error !== undefined) (r as { error?: string }).error = err.error;
      if (err.cause !== undefined) (r as { cause?: string }).cause = err.cause;
      return r;
    } finally {
      timers?.abort();
    }
  }

  private finish(status: ExecutionStatus): void {
    this.status = status;
    this.stopDate = new Date(this.clock.now());
  }

  /** Stops a running execution (status ABORTED); running tasks see their signal abort. */
  stop(error?: string, cause?: string): void {
    if (this.status !== 'RUNNING' || this.ctrl.aborted) return;
    this.ctrl.abort(new StopSignal('ABORTED', error, cause));
  }

  /** Completes a `.waitForTaskToken` task with an output (SendTaskSuccess). */
  sendTaskSuccess(taskToken: string, output: unknown): void {
    this.waiter(taskToken).succeed(output);
  }

  /** Fails a `.waitForTaskToken` task (SendTaskFailure). */
  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.waiter(taskToken).fail(new StatesError(error, cause));
  }

  /** Resets a waiting task's HeartbeatSeconds timer (SendTaskHeartbeat). */
  sendTaskHeartbeat(taskToken: string): void {
    this.waiter(taskToken).heartbeat();
  }

  private waiter(taskToken: string): TokenWaiter {
    const w = this.tokens.get(taskToken);
    if (!w) throw new StatesError('TaskDoesNotExist', `No running task has the token ${taskToken}`);
    return w;
  }

  /** The events so far, shaped like GetExecutionHistory. */
  history(): HistoryEvent[] {
    return this.recorder.events;
  }
}
