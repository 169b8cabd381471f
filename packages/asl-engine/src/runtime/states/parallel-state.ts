/** The Parallel state: branches run concurrently; the first failure cancels the others. */
import { toStatesError } from '../../errors.js';
import { runMachine } from '../machine-runner.js';
import { effectiveParameters, finishComposite, type StateOutcome, type StateRun } from '../state-run.js';
import { VariableScope } from '../variable-scope.js';

export async function execParallel(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state, frame } = sr;
  const { history, thread } = frame;
  const { value: branchInput, env } = await effectiveParameters(sr, input);
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
