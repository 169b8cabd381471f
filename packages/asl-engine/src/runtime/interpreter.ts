import { randomUUID } from 'node:crypto';
import type {
  Catcher,
  ChoiceRule,
  MachineDefinition,
  QueryLanguage,
  Retrier,
  StateDefinition,
} from '../definition/definition-types.js';
import { STATES_ERRORS, StatesError, toStatesError } from '../errors.js';
import {
  evaluateRequired,
  evaluateTemplate,
  isJsonataTemplate,
  type JsonataEnv,
  type StatesBinding,
} from '../jsonata/jsonata-evaluator.js';
import { NOT_FOUND } from '../jsonpath/json-path.js';
import type { Clock, ContextObject, Sleeper, TaskHandler } from '../types.js';
import type { Cancellation } from './cancellation.js';
import { evaluateRule } from './choice-rules.js';
import { type HistoryRecorder, type HistoryThread, LazyJson, NOT_TRUNCATED } from './history-recorder.js';
import {
  applyResultPath,
  applyTemplate,
  type EnvAnchor,
  evaluateDynamic,
  lookupPath,
  type MapItem,
  type PathEnv,
  requirePath,
  safeJson,
  selectPath,
  withInput,
} from './json-path-io.js';
import { checkPayloadSize, MAX_PAYLOAD_BYTES } from './payload-size.js';
import { parseTimestamp } from './timestamps.js';
import { VariableScope } from './variable-scope.js';

/** Everything shared by the states of one execution. */
export interface Runtime {
  readonly clock: Clock;
  readonly sleep: Sleeper;
  readonly resolveHandler: (resource: string) => TaskHandler | undefined;
  readonly region: string;
  readonly random: () => number;
  /** Task tokens of running `.waitForTaskToken` tasks (SendTaskSuccess/Failure/Heartbeat). */
  readonly tokens: Map<string, TokenWaiter>;
  readonly execution: ContextObject['Execution'];
  readonly stateMachine: ContextObject['StateMachine'];
}

/** A `.waitForTaskToken` task waiting for its callback. */
export interface TokenWaiter {
  succeed(output: unknown): void;
  fail(error: StatesError): void;
  heartbeat(): void;
}

/** One running (sub-)machine: the top level, a Parallel branch or a Map iteration. */
export interface Frame {
  readonly rt: Runtime;
  readonly history: HistoryRecorder;
  readonly thread: HistoryThread;
  readonly vars: VariableScope;
  readonly cancel: Cancellation;
  readonly queryLanguage: QueryLanguage;
}

/** One visit of a state: what its expressions see and how errors name it. */
class StateRun implements EnvAnchor {
  retryCount = 0;
  /** The task token of a `.waitForTaskToken` attempt (`$$.Task.Token`). */
  taskToken: string | undefined = undefined;
  /** Cached context object (reset when RetryCount changes). */
  ctx: ContextObject | undefined = undefined;
  private whereText: string | undefined = undefined;

  constructor(
    readonly name: string,
    readonly state: StateDefinition,
    readonly frame: Frame,
    readonly enteredId: number,
    readonly enteredMs: number,
    readonly jsonata: boolean,
  ) {}

  /** The cause prefix AWS uses; built only when an error needs it. */
  get where(): string {
    this.whereText ??= `An error occurred while executing the state '${this.name}' (entered at the event id #${this.enteredId}).`;
    return this.whereText;
  }

  contextObject(map?: MapItem): ContextObject {
    return contextObject(this, map);
  }
}

interface StateOutcome {
  output: unknown;
  next: string | undefined;
  assigned?: Record<string, unknown> | undefined;
}

const EMPTY_SCOPE = new VariableScope();

/** Runs a machine from StartAt to a terminal state; resolves with the output, throws StatesError. */
export async function runMachine(def: MachineDefinition, input: unknown, frame: Frame): Promise<unknown> {
  let name = def.StartAt;
  let value = input;
  let transitions = 0;
  for (;;) {
    // a long run of states that never wait (say a Pass loop) still lets timers and stop() in
    if (++transitions % 1000 === 0) await new Promise<void>((r) => setImmediate(r));
    if (frame.cancel.aborted) throw frame.cancel.reason;
    const state = def.States[name];
    if (!state) throw new StatesError(STATES_ERRORS.Runtime, `State '${name}' does not exist`);
    const r =
      SYNC_PATH_STATES[state.Type] && (state.QueryLanguage ?? frame.queryLanguage) !== 'JSONata'
        ? runStateSync(name, state, value, frame)
        : await runState(name, state, value, frame);
    if (r.next === undefined) return r.output;
    name = r.next;
    value = r.output;
  }
}

/** Event type names per state type, built once (no string building per event). */
const ENTERED: Record<string, string> = {};
const EXITED: Record<string, string> = {};
for (const t of ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']) {
  ENTERED[t] = `${t}StateEntered`;
  EXITED[t] = `${t}StateExited`;
}

interface ResourceInfo {
  readonly resourceType: string;
  readonly resource: string;
  readonly lambda: boolean;
  readonly scheduled: string;
  readonly started: string;
  readonly succeeded: string;
  readonly failed: string;
  readonly timedOut: string;
  /** `{ resourceType, resource }` shared by Task* event details. */
  readonly base: Readonly<Record<string, string>>;
}

const resourceCache = new Map<string, ResourceInfo>();

/** Splits a Resource ARN into the event fields Step Functions reports (cached per ARN). */
function resourceInfo(arn: string): ResourceInfo {
  let info = resourceCache.get(arn);
  if (info) return info;
  const lambda = arn.startsWith('arn:aws:lambda:');
  const m = /^arn:[^:]+:states:[^:]*:[^:]*:([^:]+):(.+)$/.exec(arn);
  const resourceType = lambda ? 'lambda' : m ? m[1]! : 'activity';
  const resource = lambda ? arn : m ? m[2]! : arn;
  const prefix = lambda ? 'LambdaFunction' : 'Task';
  info = {
    resourceType,
    resource,
    lambda,
    scheduled: `${prefix}Scheduled`,
    started: `${prefix}Started`,
    succeeded: `${prefix}Succeeded`,
    failed: `${prefix}Failed`,
    timedOut: `${prefix}TimedOut`,
    base: Object.freeze(lambda ? {} : { resourceType, resource }),
  };
  if (resourceCache.size > 10_000) resourceCache.clear();
  resourceCache.set(arn, info);
  return info;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function contextObject(sr: StateRun, map?: { Index: number; Value: unknown }): ContextObject {
  if (!map && sr.ctx) return sr.ctx;
  const rt = sr.frame.rt;
  const ms = sr.enteredMs;
  // EnteredTime is formatted on first read: most context objects are never inspected
  let enteredTime: string | undefined;
  const state: ContextObject['State'] = {
    get EnteredTime() {
      enteredTime ??= iso(ms);
      return enteredTime;
    },
    Name: sr.name,
  };
  if (sr.state.Type === 'Task') state.RetryCount = sr.retryCount;
  const ctx: ContextObject = { Execution: rt.execution, State: state, StateMachine: rt.stateMachine };
  if (sr.taskToken !== undefined) ctx.Task = { Token: sr.taskToken };
  if (map) ctx.Map = { Item: map };
  else sr.ctx = ctx;
  return ctx;
}

function pathEnv(sr: StateRun, input: unknown, map?: MapItem): PathEnv {
  return { input, vars: sr.frame.vars, at: sr, map };
}

function jsonataEnv(
  sr: StateRun,
  states: Omit<StatesBinding, 'context'>,
  map?: { Index: number; Value: unknown },
): JsonataEnv {
  const binding: StatesBinding = {
    input: states.input,
    get context() {
      return contextObject(sr, map);
    },
  };
  if ('result' in states) binding.result = states.result;
  if ('errorOutput' in states) binding.errorOutput = states.errorOutput;
  return { states: binding, vars: sr.frame.vars, where: sr.where };
}

/** JSONPath Pass/Choice/Succeed states never wait: they run without async overhead. */
const SYNC_PATH_STATES: Record<string, ((sr: StateRun, input: unknown) => StateOutcome) | undefined> = {
  Pass: passPath,
  Choice: choicePath,
  Succeed: succeedPath,
};

function runStateSync(name: string, state: StateDefinition, input: unknown, frame: Frame): StateOutcome {
  const { history, thread } = frame;
  const now = frame.rt.clock.now();
  const entered = history.entered(thread, ENTERED[state.Type]!, name, input, now);
  const sr = new StateRun(name, state, frame, entered, now, false);
  const outcome = SYNC_PATH_STATES[state.Type]!(sr, input);
  if (outcome.output !== input) checkPayloadSize(outcome.output, name);
  if (outcome.assigned) frame.vars.assign(outcome.assigned);
  // nothing waited in between: the exit happens at the same instant
  history.exited(thread, EXITED[state.Type]!, name, outcome.output, outcome.assigned, now);
  return outcome;
}

async function runState(
  name: string,
  state: StateDefinition,
  input: unknown,
  frame: Frame,
): Promise<StateOutcome> {
  const { history, thread } = frame;
  const now = frame.rt.clock.now();
  const entered = history.entered(
    thread,
    ENTERED[state.Type] ?? `${state.Type}StateEntered`,
    name,
    input,
    now,
  );
  const sr = new StateRun(
    name,
    state,
    frame,
    entered,
    now,
    (state.QueryLanguage ?? frame.queryLanguage) === 'JSONata',
  );
  let outcome: StateOutcome;
  try {
    outcome = await executeByType(sr, input);
  } catch (e) {
    const err = toStatesError(e);
    if (frame.cancel.aborted) throw frame.cancel.reason ?? err;
    const catcher = state.Catch ? findCatcher(state.Catch, err) : undefined;
    if (!catcher) throw err;
    outcome = await applyCatcher(sr, catcher, err, input);
  }
  // a pass-through output was checked as an input already
  if (outcome.output !== input) checkPayloadSize(outcome.output, name);
  if (outcome.assigned) frame.vars.assign(outcome.assigned);
  if (state.Type !== 'Fail') {
    history.exited(
      thread,
      EXITED[state.Type] ?? `${state.Type}StateExited`,
      name,
      outcome.output,
      outcome.assigned,
    );
  }
  return outcome;
}

async function applyCatcher(
  sr: StateRun,
  c: Catcher,
  err: StatesError,
  input: unknown,
): Promise<StateOutcome> {
  const errorOutput: Record<string, unknown> = {};
  if (err.error !== undefined) errorOutput.Error = err.error;
  if (err.cause !== undefined) errorOutput.Cause = err.cause;
  if (sr.jsonata) {
    const env = jsonataEnv(sr, { input, errorOutput });
    const assigned = c.Assign
      ? ((await evaluateTemplate(c.Assign, env, 'Assign')) as Record<string, unknown>)
      : undefined;
    const output = c.Output !== undefined ? await evaluateTemplate(c.Output, env, 'Output') : errorOutput;
    return { output, next: c.Next, assigned };
  }
  const assigned = c.Assign
    ? (applyTemplate(c.Assign, pathEnv(sr, errorOutput)) as Record<string, unknown>)
    : undefined;
  const output = applyResultPath(c.ResultPath, input, errorOutput, pathEnv(sr, input));
  return { output, next: c.Next, assigned };
}

/** Does an ErrorEquals list match this error? (States.ALL never matches States.Runtime.) */
export function errorMatches(list: readonly string[], err: StatesError): boolean {
  const name = err.error;
  // States.Runtime is never retried or caught, not even when named
  if (name === STATES_ERRORS.Runtime) return false;
  for (const e of list) {
    if (e === name) return true;
    if (e === STATES_ERRORS.ALL) return name !== STATES_ERRORS.Runtime;
    if (e === STATES_ERRORS.TaskFailed) {
      if (
        name !== STATES_ERRORS.Timeout &&
        name !== STATES_ERRORS.Runtime &&
        name !== STATES_ERRORS.DataLimitExceeded
      )
        if (name === undefined || !name.startsWith('States.') || name === STATES_ERRORS.HeartbeatTimeout)
          return true;
    }
  }
  return false;
}

function findCatcher(catchers: readonly Catcher[], err: StatesError): Catcher | undefined {
  for (const c of catchers) if (errorMatches(c.ErrorEquals, err)) return c;
  return undefined;
}

function nextOf(state: StateDefinition): string | undefined {
  return state.End ? undefined : state.Next;
}

function executeByType(sr: StateRun, input: unknown): Promise<StateOutcome> {
  switch (sr.state.Type) {
    case 'Pass':
      return execPass(sr, input);
    case 'Task':
      return withRetry(sr, input, execTask);
    case 'Choice':
      return execChoice(sr, input);
    case 'Wait':
      return execWait(sr, input);
    case 'Succeed':
      return execSucceed(sr, input);
    case 'Fail':
      return execFail(sr, input);
    case 'Parallel':
      return withRetry(sr, input, execParallel);
    case 'Map':
      return withRetry(sr, input, execMap);
    default:
      throw new StatesError(STATES_ERRORS.Runtime, `${sr.where} Unknown state type '${sr.state.Type}'`);
  }
}

function withRetry(
  sr: StateRun,
  input: unknown,
  attempt: (sr: StateRun, input: unknown) => Promise<StateOutcome>,
): Promise<StateOutcome> {
  const retriers = sr.state.Retry;
  if (!retriers || retriers.length === 0) return attempt(sr, input);
  return retryLoop(sr, input, attempt, retriers);
}

async function retryLoop(
  sr: StateRun,
  input: unknown,
  attempt: (sr: StateRun, input: unknown) => Promise<StateOutcome>,
  retriers: readonly Retrier[],
): Promise<StateOutcome> {
  const counts = new Array<number>(retriers.length).fill(0);
  for (;;) {
    try {
      return await attempt(sr, input);
    } catch (e) {
      const err = toStatesError(e);
      if (sr.frame.cancel.aborted) throw sr.frame.cancel.reason ?? err;
      const i = retriers.findIndex((r) => errorMatches(r.ErrorEquals, err));
      if (i < 0) throw err;
      const r = retriers[i]!;
      const max = r.MaxAttempts ?? 3;
      const n = counts[i]!;
      if (n >= max) throw err;
      counts[i] = n + 1;
      await sr.frame.rt.sleep(retryDelayMs(r, n, sr.frame.rt.random), sr.frame.cancel.signal);
      if (sr.frame.cancel.aborted) throw sr.frame.cancel.reason ?? err;
      sr.retryCount++;
      sr.ctx = undefined;
    }
  }
}

/** Delay before retry number `attempt + 1` (IntervalSeconds × BackoffRate^attempt, capped, jittered). */
export function retryDelayMs(r: Retrier, attempt: number, random: () => number): number {
  let s = (r.IntervalSeconds ?? 1) * (r.BackoffRate ?? 2) ** attempt;
  if (r.MaxDelaySeconds !== undefined) s = Math.min(s, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') s = s * random();
  return Math.round(s * 1000);
}

// ---------------------------------------------------------------- Pass, Succeed, Fail, Choice, Wait

async function jsonataOutput(sr: StateRun, states: Omit<StatesBinding, 'context'>, dflt: unknown) {
  const { state } = sr;
  if (state.Output === undefined && state.Assign === undefined) return { output: dflt, assigned: undefined };
  const env = jsonataEnv(sr, states);
  const assigned = state.Assign
    ? ((await evaluateTemplate(state.Assign, env, 'Assign')) as Record<string, unknown>)
    : undefined;
  const output = state.Output !== undefined ? await evaluateTemplate(state.Output, env, 'Output') : dflt;
  return { output, assigned };
}

function pathAssign(sr: StateRun, value: unknown): Record<string, unknown> | undefined {
  return sr.state.Assign
    ? (applyTemplate(sr.state.Assign, pathEnv(sr, value)) as Record<string, unknown>)
    : undefined;
}

async function execPass(sr: StateRun, input: unknown): Promise<StateOutcome> {
  if (!sr.jsonata) return passPath(sr, input);
  const { output, assigned } = await jsonataOutput(sr, { input }, input);
  return { output, next: nextOf(sr.state), assigned };
}

function passPath(sr: StateRun, input: unknown): StateOutcome {
  const { state } = sr;
  const env = pathEnv(sr, input);
  const effective = selectPath(state.InputPath, input, env);
  let result =
    state.Parameters !== undefined ? applyTemplate(state.Parameters, withInput(env, effective)) : effective;
  if (state.Result !== undefined) result = state.Result;
  const assigned = pathAssign(sr, result);
  const merged = applyResultPath(state.ResultPath, input, result, env);
  return { output: selectPath(state.OutputPath, merged, env), next: nextOf(state), assigned };
}

async function execSucceed(sr: StateRun, input: unknown): Promise<StateOutcome> {
  if (!sr.jsonata) return succeedPath(sr, input);
  const { output, assigned } = await jsonataOutput(sr, { input }, input);
  return { output, next: undefined, assigned };
}

function succeedPath(sr: StateRun, input: unknown): StateOutcome {
  const env = pathEnv(sr, input);
  const effective = selectPath(sr.state.InputPath, input, env);
  return { output: selectPath(sr.state.OutputPath, effective, env), next: undefined };
}

async function execFail(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state } = sr;
  let error: unknown = state.Error;
  let cause: unknown = state.Cause;
  if (sr.jsonata) {
    const env = jsonataEnv(sr, { input });
    if (isJsonataTemplate(error)) error = await evaluateRequired(error, env, 'Error');
    if (isJsonataTemplate(cause)) cause = await evaluateRequired(cause, env, 'Cause');
  } else {
    const env = pathEnv(sr, input);
    if (state.ErrorPath !== undefined) error = evaluateDynamic(state.ErrorPath, env, 'ErrorPath');
    if (state.CausePath !== undefined) cause = evaluateDynamic(state.CausePath, env, 'CausePath');
  }
  if (error !== undefined && typeof error !== 'string') {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${sr.where} The Error field must be a string but was: ${safeJson(error)}`,
    );
  }
  if (cause !== undefined && typeof cause !== 'string') {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${sr.where} The Cause field must be a string but was: ${safeJson(cause)}`,
    );
  }
  throw new StatesError(error, cause);
}

async function execChoice(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state } = sr;
  const choices = state.Choices ?? [];
  if (!sr.jsonata) return choicePath(sr, input);
  const env = jsonataEnv(sr, { input });
  for (const rule of choices) {
    const c = isJsonataTemplate(rule.Condition)
      ? await evaluateRequired(rule.Condition, env, 'Condition')
      : rule.Condition;
    if (typeof c !== 'boolean') {
      throw new StatesError(
        STATES_ERRORS.QueryEvaluationError,
        `${sr.where} The JSONata expression '${String(rule.Condition)}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${typeName(c)}' for value: ${safeJson(c)}`,
      );
    }
    if (c) return choiceOutcome(sr, rule, input, env);
  }
  if (state.Default === undefined) throw noChoice(sr);
  return choiceOutcome(sr, undefined, input, env);
}

function choicePath(sr: StateRun, input: unknown): StateOutcome {
  const { state } = sr;
  const choices = state.Choices ?? [];
  const env = pathEnv(sr, input);
  const effective = selectPath(state.InputPath, input, env);
  const ruleEnv = withInput(env, effective);
  let matched: ChoiceRule | undefined;
  for (const rule of choices) {
    if (evaluateRule(rule, ruleEnv)) {
      matched = rule;
      break;
    }
  }
  if (!matched && state.Default === undefined) throw noChoice(sr);
  const assignSrc = choiceAssign(state.Assign, matched?.Assign);
  const assigned = assignSrc ? (applyTemplate(assignSrc, ruleEnv) as Record<string, unknown>) : undefined;
  return {
    output: selectPath(state.OutputPath, effective, env),
    next: matched ? matched.Next : state.Default,
    assigned,
  };
}

async function choiceOutcome(sr: StateRun, rule: ChoiceRule | undefined, input: unknown, env: JsonataEnv) {
  const assignSrc = choiceAssign(sr.state.Assign, rule?.Assign);
  const outputSrc = rule?.Output !== undefined ? rule.Output : sr.state.Output;
  const assigned = assignSrc
    ? ((await evaluateTemplate(assignSrc, env, 'Assign')) as Record<string, unknown>)
    : undefined;
  const output = outputSrc !== undefined ? await evaluateTemplate(outputSrc, env, 'Output') : input;
  return { output, next: rule ? rule.Next : sr.state.Default, assigned };
}

/** The state-level Assign applies whichever rule matched; the matched rule's Assign adds to it. */
function choiceAssign(
  stateLevel: Record<string, unknown> | undefined,
  ruleLevel: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!stateLevel) return ruleLevel;
  if (!ruleLevel) return stateLevel;
  return { ...stateLevel, ...ruleLevel };
}

function noChoice(sr: StateRun): StatesError {
  return new StatesError(STATES_ERRORS.NoChoiceMatched, `${sr.where} No Matches!`);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v === undefined) return 'undefined';
  return typeof v;
}

async function execWait(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state } = sr;
  const rt = sr.frame.rt;
  let untilMs: number;
  let output: unknown;
  let assigned: Record<string, unknown> | undefined;
  if (sr.jsonata) {
    const env = jsonataEnv(sr, { input });
    if (state.Seconds !== undefined) {
      const s = isJsonataTemplate(state.Seconds)
        ? await evaluateRequired(state.Seconds, env, 'Seconds')
        : state.Seconds;
      if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${sr.where} The JSONata expression '${String(state.Seconds)}' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '${typeName(s)}' for value: ${safeJson(s)}`,
        );
      }
      untilMs = rt.clock.now() + s * 1000;
    } else {
      const t = isJsonataTemplate(state.Timestamp)
        ? await evaluateRequired(state.Timestamp, env, 'Timestamp')
        : state.Timestamp;
      const ms = typeof t === 'string' ? parseTimestamp(t) : undefined;
      if (ms === undefined) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${sr.where} The Timestamp field does not reference a valid ISO-8601 extended offset date-time format string: ${safeJson(t)}`,
        );
      }
      untilMs = ms;
    }
    ({ output, assigned } = await jsonataOutput(sr, { input }, input));
  } else {
    const env = pathEnv(sr, input);
    const effective = selectPath(state.InputPath, input, env);
    const eenv = withInput(env, effective);
    if (state.Seconds !== undefined) untilMs = rt.clock.now() + Number(state.Seconds) * 1000;
    else if (state.Timestamp !== undefined)
      untilMs = parseTimestamp(String(state.Timestamp)) ?? rt.clock.now();
    else if (state.SecondsPath !== undefined) {
      const s = requirePath(state.SecondsPath, eenv, 'SecondsPath');
      if (typeof s !== 'number' || !Number.isInteger(s)) {
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${sr.where} The SecondsPath parameter cannot be parsed as a long value: ${state.SecondsPath} == ${typeof s === 'string' ? s : safeJson(s)}`,
        );
      }
      if (s < 0) {
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${sr.where} The SecondsPath parameter references a negative value: ${state.SecondsPath} == ${s}`,
        );
      }
      untilMs = rt.clock.now() + s * 1000;
    } else {
      const path = state.TimestampPath ?? '$';
      const t = requirePath(path, eenv, 'TimestampPath');
      const ms = typeof t === 'string' ? parseTimestamp(t) : undefined;
      if (ms === undefined) {
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${sr.where} The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${typeof t === 'string' ? t : safeJson(t)}`,
        );
      }
      untilMs = ms;
    }
    assigned = pathAssign(sr, effective);
    output = selectPath(state.OutputPath, effective, env);
  }
  const delay = untilMs - rt.clock.now();
  if (delay > 0) {
    await rt.sleep(delay, sr.frame.cancel.signal);
    if (sr.frame.cancel.aborted) throw sr.frame.cancel.reason;
  }
  return { output, next: nextOf(state), assigned };
}

// ---------------------------------------------------------------- Task

/** Reads an integer field (literal, `…Path`, or JSONata template); undefined when absent. */
async function intField(
  sr: StateRun,
  field:
    | 'TimeoutSeconds'
    | 'HeartbeatSeconds'
    | 'MaxConcurrency'
    | 'ToleratedFailureCount'
    | 'ToleratedFailurePercentage',
  input: unknown,
  allowFloat = false,
): Promise<number | undefined> {
  const st = sr.state as unknown as Record<string, unknown>;
  const literal = st[field];
  const pathField = `${field}Path`;
  if (literal === undefined && st[pathField] === undefined) return undefined;
  const path = st[pathField];
  if (literal !== undefined) {
    if (isJsonataTemplate(literal)) {
      const v = await evaluateRequired(literal, jsonataEnv(sr, { input }), field);
      if (typeof v !== 'number' || (!allowFloat && !Number.isInteger(v)) || v < 0) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${sr.where} The JSONata expression '${literal}' specified for the field '${field}' returned an unexpected result type. Expected 'integer', but was '${typeName(v)}' for value: ${safeJson(v)}`,
        );
      }
      return v;
    }
    return Number(literal);
  }
  if (typeof path === 'string') {
    const v = requirePath(path, pathEnv(sr, input), pathField);
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
    if (Number.isNaN(n) || (!allowFloat && !Number.isInteger(n))) {
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `${sr.where} The ${pathField} field refers to value "${typeof v === 'string' ? v : safeJson(v)}" which is not a valid integer: ${path}`,
      );
    }
    if (n < 0) throw new StatesError(STATES_ERRORS.Runtime, `${sr.where} ${field} cannot be negative.`);
    return n;
  }
  return undefined;
}

async function execTask(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state } = sr;
  const resource = state.Resource ?? '';
  if (resource.endsWith('.waitForTaskToken')) {
    // a fresh token per attempt, visible to Parameters/Arguments as $$.Task.Token
    sr.taskToken = `${randomUUID()}${randomUUID()}`.replaceAll('-', '');
    sr.ctx = undefined;
  }
  let params: unknown;
  let env: PathEnv | undefined;
  if (sr.jsonata) {
    params =
      state.Arguments !== undefined
        ? await evaluateTemplate(state.Arguments, jsonataEnv(sr, { input }), 'Arguments')
        : input;
  } else {
    env = pathEnv(sr, input);
    const effective = selectPath(state.InputPath, input, env);
    params =
      state.Parameters !== undefined ? applyTemplate(state.Parameters, withInput(env, effective)) : effective;
  }
  const timeoutSeconds =
    state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined
      ? undefined
      : await intField(sr, 'TimeoutSeconds', input);
  const heartbeatSeconds =
    state.HeartbeatSeconds === undefined && state.HeartbeatSecondsPath === undefined
      ? undefined
      : await intField(sr, 'HeartbeatSeconds', input);
  const result = await invokeTask(sr, resource, params, timeoutSeconds, heartbeatSeconds);
  if (sr.jsonata) {
    const { output, assigned } = await jsonataOutput(sr, { input, result }, result);
    return { output, next: nextOf(state), assigned };
  }
  const penv = env!;
  const selected =
    state.ResultSelector !== undefined
      ? applyTemplate(state.ResultSelector, withInput(penv, result))
      : result;
  const assigned = pathAssign(sr, selected);
  const merged = applyResultPath(state.ResultPath, input, selected, penv);
  return { output: selectPath(state.OutputPath, merged, penv), next: nextOf(state), assigned };
}

async function invokeTask(
  sr: StateRun,
  resourceArn: string,
  params: unknown,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
): Promise<unknown> {
  const { frame } = sr;
  const { history, thread, rt } = frame;
  const info = resourceInfo(resourceArn);
  if (history.active) {
    const paramsJson = new LazyJson(params);
    const sched: Record<string, unknown> = info.lambda
      ? { resource: resourceArn, input: paramsJson, inputDetails: NOT_TRUNCATED }
      : {
          resourceType: info.resourceType,
          resource: info.resource,
          region: rt.region,
          parameters: paramsJson,
        };
    if (timeoutSeconds !== undefined) sched.timeoutInSeconds = timeoutSeconds;
    if (heartbeatSeconds !== undefined) sched.heartbeatInSeconds = heartbeatSeconds;
    history.add(thread, info.scheduled, sched);
    history.add(thread, info.started, info.lambda ? undefined : info.base);
  } else {
    history.add(thread, info.scheduled);
    history.add(thread, info.started);
  }
  const handler = rt.resolveHandler(resourceArn);
  try {
    if (!handler) {
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `${sr.where} No task handler is registered for resource '${resourceArn}'`,
      );
    }
    const result = await callHandler(sr, handler, resourceArn, params, timeoutSeconds, heartbeatSeconds);
    checkPayloadSize(result, info.lambda ? resourceArn : info.resourceType);
    if (history.active)
      history.add(thread, info.succeeded, {
        ...info.base,
        output: new LazyJson(result),
        outputDetails: NOT_TRUNCATED,
      });
    else history.add(thread, info.succeeded);
    return result;
  } catch (e) {
    const err = toStatesError(e);
    if (frame.cancel.aborted) throw frame.cancel.reason ?? err;
    const timedOut = err.error === STATES_ERRORS.Timeout || err.error === STATES_ERRORS.HeartbeatTimeout;
    const d: Record<string, unknown> = { ...info.base };
    if (err.error !== undefined) d.error = err.error;
    if (err.cause !== undefined) d.cause = err.cause;
    history.add(thread, timedOut ? info.timedOut : info.failed, history.active ? d : undefined);
    throw err;
  }
}

function callHandler(
  sr: StateRun,
  handler: TaskHandler,
  resource: string,
  parameters: unknown,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
): Promise<unknown> {
  if (timeoutSeconds !== undefined || heartbeatSeconds !== undefined || sr.taskToken !== undefined)
    return callHandlerWithTimers(sr, handler, resource, parameters, timeoutSeconds, heartbeatSeconds);
  // no timers: the handler shares the branch's cancellation; context and signal are built on demand
  const cancel = sr.frame.cancel;
  return handler({
    resource,
    parameters,
    get context() {
      return contextObject(sr);
    },
    get signal() {
      return cancel.signal;
    },
    stateName: sr.name,
    heartbeat: noop,
  });
}

async function callHandlerWithTimers(
  sr: StateRun,
  handler: TaskHandler,
  resource: string,
  parameters: unknown,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
): Promise<unknown> {
  const { frame } = sr;
  const rt = frame.rt;
  const ctrl = frame.cancel.child();
  let lastBeat = rt.clock.now();
  const req = {
    resource,
    parameters,
    context: contextObject(sr),
    signal: ctrl.signal,
    stateName: sr.name,
    heartbeat: () => {
      lastBeat = rt.clock.now();
    },
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(heartbeatSeconds !== undefined ? { heartbeatSeconds } : {}),
  };
  try {
    const work =
      sr.taskToken !== undefined
        ? waitForCallback(sr, sr.taskToken, handler(req), req.heartbeat)
        : handler(req);
    if (timeoutSeconds === undefined && heartbeatSeconds === undefined) return await work;
    const timers = new AbortController();
    const races: Promise<unknown>[] = [work];
    if (timeoutSeconds !== undefined) {
      races.push(
        rt.sleep(timeoutSeconds * 1000, timers.signal).then(() => {
          throw new StatesError(
            STATES_ERRORS.Timeout,
            `${sr.where} Task timed out after ${timeoutSeconds} seconds.`,
          );
        }),
      );
    }
    if (heartbeatSeconds !== undefined) {
      const watch = async (): Promise<never> => {
        for (;;) {
          const wait = lastBeat + heartbeatSeconds * 1000 - rt.clock.now();
          if (wait > 0) await rt.sleep(wait, timers.signal);
          if (timers.signal.aborted) throw new StatesError(STATES_ERRORS.HeartbeatTimeout);
          if (rt.clock.now() - lastBeat >= heartbeatSeconds * 1000)
            throw new StatesError(STATES_ERRORS.HeartbeatTimeout, `${sr.where} Task heartbeat timed out.`);
        }
      };
      races.push(watch());
    }
    try {
      return await Promise.race(races);
    } finally {
      timers.abort();
      for (const p of races) p.catch(() => undefined);
    }
  } catch (e) {
    ctrl.abort(e);
    throw e;
  } finally {
    ctrl.detach();
  }
}

/** Calls the handler (which hands the token on), then waits for SendTaskSuccess/Failure. */
async function waitForCallback(
  sr: StateRun,
  token: string,
  submitted: Promise<unknown>,
  heartbeat: () => void,
): Promise<unknown> {
  const { rt, history, thread, cancel } = sr.frame;
  let waiter!: TokenWaiter;
  const callback = new Promise<unknown>((resolve, reject) => {
    waiter = { succeed: resolve, fail: reject, heartbeat };
  });
  rt.tokens.set(token, waiter);
  const unlink = cancel.onAbort((r) => waiter.fail(toStatesError(r)));
  try {
    const out = await submitted;
    const info = resourceInfo(sr.state.Resource ?? '');
    history.add(
      thread,
      'TaskSubmitted',
      history.active ? { ...info.base, output: new LazyJson(out), outputDetails: NOT_TRUNCATED } : undefined,
    );
    return await callback;
  } finally {
    unlink();
    rt.tokens.delete(token);
  }
}

function noop(): void {}

// ---------------------------------------------------------------- Parallel and Map

async function execParallel(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state, frame } = sr;
  const { history, thread } = frame;
  let branchInput: unknown;
  let env: PathEnv | undefined;
  if (sr.jsonata) {
    branchInput =
      state.Arguments !== undefined
        ? await evaluateTemplate(state.Arguments, jsonataEnv(sr, { input }), 'Arguments')
        : input;
  } else {
    env = pathEnv(sr, input);
    const effective = selectPath(state.InputPath, input, env);
    branchInput =
      state.Parameters !== undefined ? applyTemplate(state.Parameters, withInput(env, effective)) : effective;
  }
  history.add(thread, 'ParallelStateStarted');
  const ctrl = frame.cancel.child();
  const branches = state.Branches ?? [];
  let results: unknown[];
  try {
    results = await Promise.all(
      branches.map(async (b) => {
        try {
          return await runMachine(b, branchInput, {
            rt: frame.rt,
            history,
            thread: { last: thread.last },
            vars: new VariableScope(frame.vars),
            cancel: ctrl,
            queryLanguage: b.QueryLanguage ?? sr.frame.queryLanguage,
          });
        } catch (e) {
          if (!ctrl.aborted) ctrl.abort(toStatesError(e));
          throw e;
        }
      }),
    );
  } catch (e) {
    const err = frame.cancel.aborted ? toStatesError(e) : toStatesError(ctrl.reason ?? e);
    history.add(thread, 'ParallelStateFailed');
    throw err;
  } finally {
    ctrl.detach();
  }
  history.add(thread, 'ParallelStateSucceeded');
  return finishComposite(sr, input, results, env);
}

/** `{ Error, Cause }` as Catch and tolerated Map failures report it. */
function errorOutputOf(err: StatesError): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  if (err.error !== undefined) d.Error = err.error;
  if (err.cause !== undefined) d.Cause = err.cause;
  return d;
}

function failDetails(err: StatesError): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  if (err.error !== undefined) d.error = err.error;
  if (err.cause !== undefined) d.cause = err.cause;
  return d;
}

async function finishComposite(
  sr: StateRun,
  input: unknown,
  results: unknown,
  env: PathEnv | undefined,
): Promise<StateOutcome> {
  const { state } = sr;
  if (sr.jsonata) {
    const { output, assigned } = await jsonataOutput(sr, { input, result: results }, results);
    return { output, next: nextOf(state), assigned };
  }
  const penv = env!;
  const selected =
    state.ResultSelector !== undefined
      ? applyTemplate(state.ResultSelector, withInput(penv, results))
      : results;
  const assigned = pathAssign(sr, selected);
  const merged = applyResultPath(state.ResultPath, input, selected, penv);
  return { output: selectPath(state.OutputPath, merged, penv), next: nextOf(state), assigned };
}

async function execMap(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state, frame } = sr;
  const { history, thread } = frame;
  const processor = state.ItemProcessor ?? state.Iterator;
  if (!processor) throw new StatesError(STATES_ERRORS.Runtime, `${sr.where} Map state has no ItemProcessor`);
  const distributed = processor.ProcessorConfig?.Mode === 'DISTRIBUTED';
  let env: PathEnv | undefined;
  let effective: unknown = input;
  let items: unknown;
  if (state.ItemReader !== undefined) {
    if (!sr.jsonata) {
      env = pathEnv(sr, input);
      effective = selectPath(state.InputPath, input, env);
    }
    items = await readItems(sr, input, effective);
  } else if (sr.jsonata) {
    const jenv = jsonataEnv(sr, { input });
    if (state.Items !== undefined) {
      items = isJsonataTemplate(state.Items)
        ? await evaluateRequired(state.Items, jenv, 'Items')
        : state.Items;
      if (Array.isArray(items) && !isJsonataTemplate(state.Items))
        items = await evaluateTemplate(items, jenv, 'Items');
      if (!Array.isArray(items)) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${sr.where} The JSONata expression '${typeof state.Items === 'string' ? templateText(state.Items) : safeJson(state.Items)}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${safeJson(items)}`,
        );
      }
    } else {
      items = input;
      if (!Array.isArray(items)) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${sr.where} Map state input must be an array but was: ${safeJson(items)}`,
        );
      }
    }
  } else {
    env = pathEnv(sr, input);
    effective = selectPath(state.InputPath, input, env);
    items =
      state.ItemsPath !== undefined
        ? requirePath(state.ItemsPath, withInput(env, effective), 'ItemsPath')
        : effective;
    if (!Array.isArray(items)) {
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `${sr.where} Map state input must be an array but was: ${safeJson(items)}`,
      );
    }
  }
  const list = items as unknown[];
  const maxConcurrency =
    state.MaxConcurrency === undefined && state.MaxConcurrencyPath === undefined
      ? 0
      : ((await intField(sr, 'MaxConcurrency', input)) ?? 0);
  const toleratedCount =
    distributed &&
    (state.ToleratedFailureCount !== undefined || state.ToleratedFailureCountPath !== undefined)
      ? await intField(sr, 'ToleratedFailureCount', input)
      : undefined;
  const toleratedPct =
    distributed &&
    (state.ToleratedFailurePercentage !== undefined || state.ToleratedFailurePercentagePath !== undefined)
      ? await intField(sr, 'ToleratedFailurePercentage', input, true)
      : undefined;
  if (toleratedPct !== undefined && (toleratedPct < 0 || toleratedPct > 100)) {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${sr.where} ToleratedFailurePercentage must be between 0 and 100.`,
    );
  }

  // per-item input (ItemSelector / Parameters), then ItemBatcher grouping
  const selector = state.ItemSelector ?? (sr.jsonata ? undefined : state.Parameters);
  let inputs: unknown[] = list;
  if (selector !== undefined) {
    inputs = [];
    for (let i = 0; i < list.length; i++) {
      const item = { Index: i, Value: list[i] };
      if (sr.jsonata)
        inputs.push(await evaluateTemplate(selector, jsonataEnv(sr, { input }, item), 'ItemSelector'));
      else inputs.push(applyTemplate(selector, pathEnv(sr, effective, item)));
    }
  }
  if (state.ItemBatcher) inputs = await batchItems(sr, inputs, input, effective);

  history.add(thread, 'MapStateStarted', history.active ? { length: inputs.length } : undefined);
  const mapRunArn = distributed
    ? `${frame.rt.execution.Id.replace(':execution:', ':mapRun:')}/${state.Label ?? sr.name}:${Math.floor(frame.rt.random() * 1e9).toString(16)}`
    : undefined;
  if (distributed) history.add(thread, 'MapRunStarted', history.active ? { mapRunArn } : undefined);

  const ctrl = frame.cancel.child();
  const results = new Array<unknown>(inputs.length);
  let failures = 0;
  let firstError: StatesError | undefined;
  const total = inputs.length;
  const tolerated = (n: number) => {
    if (!distributed) return n === 0;
    if (toleratedCount !== undefined && n <= toleratedCount) return true;
    if (toleratedPct !== undefined && total > 0 && (n * 100) / total <= toleratedPct) return true;
    return n === 0;
  };
  const childQl = processor.QueryLanguage ?? (sr.jsonata ? 'JSONata' : frame.queryLanguage);
  const silent = distributed ? new HistorySink(frame) : undefined;
  const runItem = async (i: number): Promise<void> => {
    const iterThread = { last: thread.last };
    if (!distributed)
      history.add(thread, 'MapIterationStarted', history.active ? { name: sr.name, index: i } : undefined);
    try {
      results[i] = await runMachine(processor, inputs[i], {
        rt: frame.rt,
        history: silent ? silent.history : history,
        thread: iterThread,
        vars: distributed ? new VariableScope() : new VariableScope(frame.vars),
        cancel: ctrl,
        queryLanguage: childQl,
      });
      if (!distributed)
        history.add(
          thread,
          'MapIterationSucceeded',
          history.active ? { name: sr.name, index: i } : undefined,
        );
    } catch (e) {
      const err = toStatesError(e);
      if (ctrl.aborted) return;
      if (!distributed)
        history.add(thread, 'MapIterationFailed', history.active ? { name: sr.name, index: i } : undefined);
      failures++;
      firstError ??= err;
      results[i] = errorOutputOf(err);
      if (!tolerated(failures)) {
        ctrl.abort(
          distributed
            ? new StatesError(
                STATES_ERRORS.ExceedToleratedFailureThreshold,
                `${sr.where} The specified tolerated failure threshold was exceeded`,
              )
            : err,
        );
      }
    }
  };
  try {
    const limit = maxConcurrency > 0 ? Math.min(maxConcurrency, total) : total;
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < total && !ctrl.aborted) {
        const i = nextIndex++;
        await runItem(i);
      }
    };
    const workers: Promise<void>[] = [];
    for (let w = 0; w < limit; w++) workers.push(worker());
    await Promise.all(workers);
    if (frame.cancel.aborted) throw frame.cancel.reason;
    if (ctrl.aborted) throw ctrl.reason;
  } catch (e) {
    const err = toStatesError(e);
    if (distributed) history.add(thread, 'MapRunFailed', history.active ? failDetails(err) : undefined);
    history.add(thread, 'MapStateFailed');
    throw err;
  } finally {
    ctrl.detach();
  }
  void firstError;
  if (distributed) history.add(thread, 'MapRunSucceeded');
  history.add(thread, 'MapStateSucceeded');
  if (state.ResultWriter !== undefined) {
    const written = await writeResults(sr, input, effective, results, mapRunArn);
    return finishComposite(sr, input, written, env);
  }
  return finishComposite(sr, input, results, env);
}

function templateText(s: string): string {
  return isJsonataTemplate(s) ? s.slice(2, -2).trim() : s;
}

interface IoConfig {
  Resource?: string;
  Parameters?: unknown;
  Arguments?: unknown;
  ReaderConfig?: { MaxItems?: unknown; MaxItemsPath?: string };
}

/** Effective parameters of an ItemReader / ResultWriter block. */
async function ioParameters(sr: StateRun, cfg: IoConfig, input: unknown, effective: unknown, field: string) {
  if (sr.jsonata) {
    return cfg.Arguments !== undefined
      ? evaluateTemplate(cfg.Arguments, jsonataEnv(sr, { input }), `${field}/Arguments`)
      : undefined;
  }
  return cfg.Parameters !== undefined ? applyTemplate(cfg.Parameters, pathEnv(sr, effective)) : undefined;
}

/** Calls the dispatcher handler for an ItemReader/ResultWriter resource. */
async function callIo(sr: StateRun, cfg: IoConfig, parameters: unknown, errorName: string): Promise<unknown> {
  const resource = cfg.Resource ?? '';
  const handler = sr.frame.rt.resolveHandler(resource);
  if (!handler)
    throw new StatesError(errorName, `${sr.where} No task handler is registered for resource '${resource}'`);
  try {
    return await callHandler(sr, handler, resource, parameters, undefined, undefined);
  } catch (e) {
    const err = toStatesError(e);
    throw new StatesError(errorName, `${sr.where} ${err.error ?? ''}: ${err.cause ?? ''}`);
  }
}

/**
 * ItemReader: the dispatcher handler for its Resource (e.g. `arn:aws:states:::s3:getObject`)
 * returns the items (an array); ReaderConfig.MaxItems(Path) caps them.
 */
async function readItems(sr: StateRun, input: unknown, effective: unknown): Promise<unknown[]> {
  const cfg = sr.state.ItemReader as IoConfig;
  const parameters = await ioParameters(sr, cfg, input, effective, 'ItemReader');
  const out = await callIo(sr, cfg, parameters, STATES_ERRORS.ItemReaderFailed);
  const items = Array.isArray(out)
    ? out
    : out && typeof out === 'object' && Array.isArray((out as { Items?: unknown }).Items)
      ? (out as { Items: unknown[] }).Items
      : undefined;
  if (!items) {
    throw new StatesError(
      STATES_ERRORS.ItemReaderFailed,
      `${sr.where} The ItemReader handler must return an array of items (or { Items: [...] }).`,
    );
  }
  let max = cfg.ReaderConfig?.MaxItems;
  if (cfg.ReaderConfig?.MaxItemsPath)
    max = requirePath(cfg.ReaderConfig.MaxItemsPath, pathEnv(sr, effective), 'MaxItemsPath');
  if (isJsonataTemplate(max)) max = await evaluateRequired(max, jsonataEnv(sr, { input }), 'MaxItems');
  return typeof max === 'number' && max > 0 ? items.slice(0, max) : items;
}

/** ResultWriter: the dispatcher handler receives `{ ...Parameters, Results, MapRunArn }`; its return is the Map result. */
async function writeResults(
  sr: StateRun,
  input: unknown,
  effective: unknown,
  results: unknown[],
  mapRunArn: string | undefined,
): Promise<unknown> {
  const cfg = sr.state.ResultWriter as IoConfig;
  const parameters = await ioParameters(sr, cfg, input, effective, 'ResultWriter');
  const base = parameters && typeof parameters === 'object' && !Array.isArray(parameters) ? parameters : {};
  return callIo(
    sr,
    cfg,
    { ...base, Results: results, MapRunArn: mapRunArn },
    STATES_ERRORS.ResultWriterFailed,
  );
}

/** Child executions of a DISTRIBUTED Map keep their own (unobserved) history. */
class HistorySink {
  readonly history: HistoryRecorder;
  constructor(frame: Frame) {
    const Ctor = frame.history.constructor as new (clock: Clock, enabled: boolean) => HistoryRecorder;
    this.history = new Ctor(frame.rt.clock, false);
  }
}

async function batchItems(
  sr: StateRun,
  items: unknown[],
  input: unknown,
  effective: unknown,
): Promise<unknown[]> {
  const b = sr.state.ItemBatcher!;
  let maxItems: unknown = b.MaxItemsPerBatch;
  let maxBytes: unknown = b.MaxInputBytesPerBatch;
  let batchInput: unknown = b.BatchInput;
  if (sr.jsonata) {
    const env = jsonataEnv(sr, { input });
    if (isJsonataTemplate(maxItems)) maxItems = await evaluateRequired(maxItems, env, 'MaxItemsPerBatch');
    if (isJsonataTemplate(maxBytes))
      maxBytes = await evaluateRequired(maxBytes, env, 'MaxInputBytesPerBatch');
    if (batchInput !== undefined) batchInput = await evaluateTemplate(batchInput, env, 'BatchInput');
  } else {
    const env = pathEnv(sr, effective);
    if (b.MaxItemsPerBatchPath) maxItems = requirePath(b.MaxItemsPerBatchPath, env, 'MaxItemsPerBatchPath');
    if (b.MaxInputBytesPerBatchPath)
      maxBytes = requirePath(b.MaxInputBytesPerBatchPath, env, 'MaxInputBytesPerBatchPath');
    if (batchInput !== undefined) batchInput = applyTemplate(batchInput, env);
  }
  const perBatch = typeof maxItems === 'number' && maxItems > 0 ? maxItems : Number.POSITIVE_INFINITY;
  const bytes = typeof maxBytes === 'number' && maxBytes > 0 ? maxBytes : MAX_PAYLOAD_BYTES;
  const extra = typeof batchInput === 'object' && batchInput !== null ? batchInput : {};
  const batches: unknown[] = [];
  let cur: unknown[] = [];
  let curBytes = 0;
  for (const it of items) {
    const size = Buffer.byteLength(JSON.stringify(it) ?? 'null');
    if (cur.length > 0 && (cur.length >= perBatch || curBytes + size > bytes)) {
      batches.push(batchInput !== undefined ? { BatchInput: extra, Items: cur } : { Items: cur });
      cur = [];
      curBytes = 0;
    }
    cur.push(it);
    curBytes += size;
  }
  if (cur.length) batches.push(batchInput !== undefined ? { BatchInput: extra, Items: cur } : { Items: cur });
  return batches;
}

export { EMPTY_SCOPE, lookupPath, NOT_FOUND };
