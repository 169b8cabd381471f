/** The Fail state: Error/Cause, their Path forms (paths or intrinsics) and JSONata templates. */
import type { FailState } from '../../definition/compiled-types.js';
import { STATES_ERRORS, StatesError } from '../../errors.js';
import { evaluatePayload } from '../io-pipeline.js';
import { safeJson } from '../json-values.js';
import type { StateVisit } from '../state-visit.js';

export async function fail(
  visit: StateVisit<FailState>,
  _effective: unknown,
  input: unknown,
): Promise<never> {
  const { state } = visit;
  const error = await evaluatePayload(state.error, visit, input, input);
  const cause = await evaluatePayload(state.cause, visit, input, input);
  if (error !== undefined && typeof error !== 'string') {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${visit.where} The Error field must be a string but was: ${safeJson(error)}`,
    );
  }
  if (cause !== undefined && typeof cause !== 'string') {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${visit.where} The Cause field must be a string but was: ${safeJson(cause)}`,
    );
  }
  throw new StatesError(error, cause);
}
