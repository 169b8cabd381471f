/** The Wait state: Seconds, Timestamp and their Path / JSONata forms, on the injected sleeper. */
import type { WaitState } from '../../definition/compiled-types.js';
import { STATES_ERRORS, StatesError } from '../../errors.js';
import { evaluateJsonata } from '../../jsonata/jsonata-evaluator.js';
import { evaluateTemplate } from '../json-path-io.js';
import { safeJson, typeName } from '../json-values.js';
import type { StateVisit } from '../state-visit.js';
import { parseTimestamp } from '../timestamps.js';

/** Waits until the deadline; the result is the effective input. */
export async function wait(
  visit: StateVisit<WaitState>,
  effective: unknown,
  input: unknown,
): Promise<unknown> {
  const { rt, cancel } = visit.frame;
  const delay = (await deadline(visit, effective, input)) - rt.clock.now();
  if (delay > 0) {
    await rt.sleep(delay, cancel.signal);
    if (cancel.aborted) throw cancel.reason;
  }
  return effective;
}

/** The instant (epoch ms) the state waits for. */
async function deadline(visit: StateVisit<WaitState>, effective: unknown, input: unknown): Promise<number> {
  const until = visit.state.until;
  const now = visit.frame.rt.clock.now();
  switch (until.kind) {
    case 'seconds':
      return now + until.seconds * 1000;
    case 'timestamp':
      return until.ms ?? now;
    case 'secondsPath': {
      const s = evaluateTemplate(until.path, effective, visit);
      if (typeof s !== 'number' || !Number.isInteger(s)) {
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${visit.where} The SecondsPath parameter cannot be parsed as a long value: ${until.source} == ${typeof s === 'string' ? s : safeJson(s)}`,
        );
      }
      if (s < 0) {
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${visit.where} The SecondsPath parameter references a negative value: ${until.source} == ${s}`,
        );
      }
      return now + s * 1000;
    }
    case 'timestampPath': {
      const t = evaluateTemplate(until.path, effective, visit);
      const ms = typeof t === 'string' ? parseTimestamp(t) : undefined;
      if (ms === undefined) {
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${visit.where} The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${until.source} == ${typeof t === 'string' ? t : safeJson(t)}`,
        );
      }
      return ms;
    }
    case 'jsonataSeconds': {
      const s = await evaluateJsonata(until.seconds, visit.jsonataEnv({ input }));
      if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${visit.where} The JSONata expression '${until.text}' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '${typeName(s)}' for value: ${safeJson(s)}`,
        );
      }
      return visit.frame.rt.clock.now() + s * 1000;
    }
    case 'jsonataTimestamp': {
      const t = await evaluateJsonata(until.timestamp, visit.jsonataEnv({ input }));
      const ms = typeof t === 'string' ? parseTimestamp(t) : undefined;
      if (ms === undefined) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${visit.where} The Timestamp field does not reference a valid ISO-8601 extended offset date-time format string: ${safeJson(t)}`,
        );
      }
      return ms;
    }
  }
}
