/** What every state visit shares: the execution runtime, the frame it runs in, its context object and the data-flow helpers. */
import type { QueryLanguage, StateDefinition } from '../definition/definition-types.js';
import { STATES_ERRORS, StatesError } from '../errors.js';
import {
  evaluateRequired,
  evaluateTemplate,
  isJsonataTemplate,
  type JsonataEnv,
  type StatesBinding,
} from '../jsonata/jsonata-evaluator.js';
import type { Clock, ContextObject, Sleeper, TaskHandler } from '../types.js';
import type { Cancellation } from './cancellation.js';
import type { HistoryRecorder, HistoryThread } from './history-recorder.js';
import {
  applyResultPath,
  applyTemplate,
  type EnvAnchor,
  type MapItem,
  type PathEnv,
  requirePath,
  safeJson,
  selectPath,
  withInput,
} from './json-path-io.js';
import type { VariableScope } from './variable-scope.js';

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
export class StateRun implements EnvAnchor {
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

export interface StateOutcome {
  output: unknown;
  next: string | undefined;
  assigned?: Record<string, unknown> | undefined;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function contextObject(sr: StateRun, map?: { Index: number; Value: unknown }): ContextObject {
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

export function pathEnv(sr: StateRun, input: unknown, map?: MapItem): PathEnv {
  return { input, vars: sr.frame.vars, at: sr, map };
}

/**
 * The value a Task or Parallel state works on: JSONata `Arguments`, or JSONPath `InputPath` then `Parameters`.
 * The JSONPath environment comes back too, for the state's ResultPath/OutputPath.
 */
export async function effectiveParameters(
  sr: StateRun,
  input: unknown,
): Promise<{ value: unknown; env: PathEnv | undefined }> {
  const { state } = sr;
  if (sr.jsonata) {
    const value =
      state.Arguments !== undefined
        ? await evaluateTemplate(state.Arguments, jsonataEnv(sr, { input }), 'Arguments')
        : input;
    return { value, env: undefined };
  }
  const env = pathEnv(sr, input);
  const effective = selectPath(state.InputPath, input, env);
  const value =
    state.Parameters !== undefined ? applyTemplate(state.Parameters, withInput(env, effective)) : effective;
  return { value, env };
}

export function jsonataEnv(
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
  return { states: binding, vars: sr.frame.vars, where: sr.where, clock: sr.frame.rt.clock };
}

export function nextOf(state: StateDefinition): string | undefined {
  return state.End ? undefined : state.Next;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v === undefined) return 'undefined';
  return typeof v;
}

export async function jsonataOutput(sr: StateRun, states: Omit<StatesBinding, 'context'>, dflt: unknown) {
  const { state } = sr;
  if (state.Output === undefined && state.Assign === undefined) return { output: dflt, assigned: undefined };
  const env = jsonataEnv(sr, states);
  const assigned = state.Assign
    ? ((await evaluateTemplate(state.Assign, env, 'Assign')) as Record<string, unknown>)
    : undefined;
  const output = state.Output !== undefined ? await evaluateTemplate(state.Output, env, 'Output') : dflt;
  return { output, assigned };
}

export function pathAssign(sr: StateRun, value: unknown): Record<string, unknown> | undefined {
  return sr.state.Assign
    ? (applyTemplate(sr.state.Assign, pathEnv(sr, value)) as Record<string, unknown>)
    : undefined;
}

/** `{ Error, Cause }` as Catch and tolerated Map failures report it. */
export function errorOutputOf(err: StatesError): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  if (err.error !== undefined) d.Error = err.error;
  if (err.cause !== undefined) d.Cause = err.cause;
  return d;
}

export function failDetails(err: StatesError): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  if (err.error !== undefined) d.error = err.error;
  if (err.cause !== undefined) d.cause = err.cause;
  return d;
}

export async function finishComposite(
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

/** Reads an integer field (literal, `…Path`, or JSONata template); undefined when absent. */
export async function intField(
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

export function templateText(s: string): string {
  return isJsonataTemplate(s) ? s.slice(2, -2).trim() : s;
}

export function noop(): void {}
