/** The Parallel state: branches run concurrently on the effective input; the first failure cancels the others. */
import type { ParallelState } from '../../definition/compiled-types.js';
import { toStatesError } from '../../errors.js';
import { runMachine } from '../machine-runner.js';
import type { StateVisit } from '../state-visit.js';
import { VariableScope } from '../variable-scope.js';

/** The branch outputs, in branch order. */
export async function runBranches(visit: StateVisit<ParallelState>, effective: unknown): Promise<unknown[]> {
  const { frame } = visit;
  const { history, thread } = frame;
  history.add(thread, 'ParallelStateStarted');
  const ctrl = frame.cancel.child();
  try {
    const results = await Promise.all(
      visit.state.branches.map(async (branch) => {
        try {
          return await runMachine(branch, effective, {
            rt: frame.rt,
            history,
            thread: { last: thread.last },
            vars: new VariableScope(frame.vars),
            cancel: ctrl,
          });
        } catch (e) {
          if (!ctrl.aborted) ctrl.abort(toStatesError(e));
          throw e;
        }
      }),
    );
    history.add(thread, 'ParallelStateSucceeded');
    return results;
  } catch (e) {
    const err = frame.cancel.aborted ? toStatesError(e) : toStatesError(ctrl.reason ?? e);
    history.add(thread, 'ParallelStateFailed');
    throw err;
  } finally {
    ctrl.detach();
  }
}
