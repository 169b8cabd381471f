/** The Succeed state. */
import { selectPath } from '../json-path-io.js';
import { jsonataOutput, pathEnv, type StateOutcome, type StateRun } from '../state-run.js';

export async function execSucceed(sr: StateRun, input: unknown): Promise<StateOutcome> {
  if (!sr.jsonata) return succeedPath(sr, input);
  const { output, assigned } = await jsonataOutput(sr, { input }, input);
  return { output, next: undefined, assigned };
}

export function succeedPath(sr: StateRun, input: unknown): StateOutcome {
  const env = pathEnv(sr, input);
  const effective = selectPath(sr.state.InputPath, input, env);
  return { output: selectPath(sr.state.OutputPath, effective, env), next: undefined };
}
