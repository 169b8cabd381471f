/** Runs a (sub-)machine state by state: history events, Retry, Catch, variables and the payload limit. */
import type { Catcher, MachineDefinition, Retrier, StateDefinition } from '../definition/definition-types.js';
import { STATES_ERRORS, StatesError, toStatesError } from '../errors.js';
import { evaluateTemplate } from '../jsonata/jsonata-evaluator.js';
import { applyResultPath, applyTemplate } from './json-path-io.js';
import { checkPayloadSize } from './payload-size.js';
import { type Frame, jsonataEnv, pathEnv, type StateOutcome, StateRun } from './state-run.js';
import { choicePath, execChoice } from './states/choice-state.js';
import { execFail } from './states/fail-state.js';
import { execMap } from './states/map-state.js';
import { execParallel } from './states/parallel-state.js';
import { execPass, passPath } from './states/pass-state.js';
import { execSucceed, succeedPath } from './states/succeed-state.js';
import { execTask } from './states/task-state.js';
import { execWait } from './states/wait-state.js';

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
