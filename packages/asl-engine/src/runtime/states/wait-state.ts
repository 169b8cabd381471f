/** The Wait state: Seconds, Timestamp and their Path / JSONata forms, on the injected sleeper. */
import { STATES_ERRORS, StatesError } from '../../errors.js';
import { evaluateRequired, isJsonataTemplate } from '../../jsonata/jsonata-evaluator.js';
import { requirePath, safeJson, selectPath, withInput } from '../json-path-io.js';
import {
  jsonataEnv,
  jsonataOutput,
  nextOf,
  pathAssign,
  pathEnv,
  type StateOutcome,
  type StateRun,
  typeName,
} from '../state-run.js';
import { parseTimestamp } from '../timestamps.js';

export async function execWait(sr: StateRun, input: unknown): Promise<StateOutcome> {
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
