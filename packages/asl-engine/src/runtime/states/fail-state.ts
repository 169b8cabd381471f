/** The Fail state: Error/Cause, their Path forms (paths or intrinsics) and JSONata templates. */
import { STATES_ERRORS, StatesError } from '../../errors.js';
import { evaluateRequired, isJsonataTemplate } from '../../jsonata/jsonata-evaluator.js';
import { evaluateDynamic, safeJson } from '../json-path-io.js';
import { jsonataEnv, pathEnv, type StateOutcome, type StateRun } from '../state-run.js';

export async function execFail(sr: StateRun, input: unknown): Promise<StateOutcome> {
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
