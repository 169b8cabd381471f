/** The one Retry/Catch every state runs under: retriers around each attempt, then the first matching catcher. */
import type { CompiledCatcher, CompiledState } from '../definition/compiled-types.js';
import type { Retrier } from '../definition/definition-types.js';
import { STATES_ERRORS, type StatesError, toStatesError } from '../errors.js';
import { runOutputStage, runPipeline, type StateOutcome, type StateWork } from './io-pipeline.js';
import type { StateVisit } from './state-visit.js';

/** Runs the state's pipeline (input stage, work, output stage) as attempts, as long as a retrier takes the error. */
export function withRetry<S extends CompiledState>(
  visit: StateVisit<S>,
  input: unknown,
  work: StateWork<S>,
): Promise<StateOutcome> {
  const { retriers } = visit.state;
  return retriers.length === 0 ? runPipeline(visit, input, work) : retryLoop(visit, input, work, retriers);
}

/** An error no retrier took: the first matching catcher's route makes the output, else the error goes on. */
export function recover(visit: StateVisit, input: unknown, e: unknown): StateOutcome | Promise<StateOutcome> {
  const err = toStatesError(e);
  const { cancel } = visit.frame;
  if (cancel.aborted) throw cancel.reason ?? err;
  const catcher = findCatcher(visit.state.catchers, err);
  if (!catcher) throw err;
  return runOutputStage(visit, catcher.route, input, errorOutputOf(err));
}

async function retryLoop<S extends CompiledState>(
  visit: StateVisit<S>,
  input: unknown,
  work: StateWork<S>,
  retriers: readonly Retrier[],
): Promise<StateOutcome> {
  const { cancel, rt } = visit.frame;
  const counts = new Array<number>(retriers.length).fill(0);
  for (;;) {
    try {
      return await runPipeline(visit, input, work);
    } catch (e) {
      const err = toStatesError(e);
      if (cancel.aborted) throw cancel.reason ?? err;
      const i = retriers.findIndex((r) => errorMatches(r.ErrorEquals, err));
      const r = retriers[i];
      if (r === undefined) throw err;
      const n = counts[i] ?? 0;
      if (n >= (r.MaxAttempts ?? 3)) throw err;
      counts[i] = n + 1;
      await rt.sleep(retryDelayMs(r, n, rt.random), cancel.signal);
      if (cancel.aborted) throw cancel.reason ?? err;
      visit.nextAttempt();
    }
  }
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

function findCatcher(catchers: readonly CompiledCatcher[], err: StatesError): CompiledCatcher | undefined {
  for (const c of catchers) if (errorMatches(c.errorEquals, err)) return c;
  return undefined;
}

/** Delay before retry number `attempt + 1` (IntervalSeconds × BackoffRate^attempt, capped, jittered). */
export function retryDelayMs(r: Retrier, attempt: number, random: () => number): number {
  let s = (r.IntervalSeconds ?? 1) * (r.BackoffRate ?? 2) ** attempt;
  if (r.MaxDelaySeconds !== undefined) s = Math.min(s, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') s = s * random();
  return Math.round(s * 1000);
}

/** `{ Error, Cause }` as Catch and tolerated Map failures report it. */
export function errorOutputOf(err: StatesError): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  if (err.error !== undefined) d.Error = err.error;
  if (err.cause !== undefined) d.Cause = err.cause;
  return d;
}
