/** The Pass state. */
import { applyResultPath, applyTemplate, selectPath, withInput } from '../json-path-io.js';
import {
  jsonataOutput,
  nextOf,
  pathAssign,
  pathEnv,
  type StateOutcome,
  type StateRun,
} from '../state-run.js';

export async function execPass(sr: StateRun, input: unknown): Promise<StateOutcome> {
  if (!sr.jsonata) return passPath(sr, input);
  const { output, assigned } = await jsonataOutput(sr, { input }, input);
  return { output, next: nextOf(sr.state), assigned };
}

export function passPath(sr: StateRun, input: unknown): StateOutcome {
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
