/** Runs a (sub-)machine state by state: history events, the I/O pipeline under Retry/Catch, variables and the payload limit. */
import type { CompiledMachine, CompiledState, StateType } from '../definition/compiled-types.js';
import { STATES_ERRORS, StatesError } from '../errors.js';
import type { Frame } from './frame.js';
import { runPathPipeline, type StateOutcome, type StateWork } from './io-pipeline.js';
import { checkPayloadSize } from './payload-size.js';
import { recover, withRetry } from './retry-and-catch.js';
import { StateVisit } from './state-visit.js';
import { choose, choosePath } from './states/choice-state.js';
import { fail } from './states/fail-state.js';
import { runMap } from './states/map-state.js';
import { runBranches } from './states/parallel-state.js';
import { passResult } from './states/pass-state.js';
import { succeedResult } from './states/succeed-state.js';
import { runTask } from './states/task-state.js';
import { wait } from './states/wait-state.js';

/** Runs a machine from StartAt to a terminal state; resolves with the output, throws StatesError. */
export async function runMachine(machine: CompiledMachine, input: unknown, frame: Frame): Promise<unknown> {
  let name = machine.startAt;
  let value = input;
  let transitions = 0;
  for (;;) {
    // a long run of states that never wait (say a Pass loop) still lets timers and stop() in
    if (++transitions % 1000 === 0) await new Promise<void>((r) => setImmediate(r));
    if (frame.cancel.aborted) throw frame.cancel.reason;
    const state = machine.states.get(name);
    if (!state) throw new StatesError(STATES_ERRORS.Runtime, `State '${name}' does not exist`);
    const r = state.sync ? runStateSync(state, value, frame) : await runState(state, value, frame);
    if (r.next === undefined) return r.output;
    name = r.next;
    value = r.output;
  }
}

/** Each state type's own work, between the input and the output stage of the pipeline. */
const WORK: { readonly [T in StateType]: StateWork<Extract<CompiledState, { type: T }>> } = {
  Pass: passResult,
  Task: runTask,
  Choice: choose,
  Wait: wait,
  Succeed: succeedResult,
  Fail: fail,
  Parallel: runBranches,
  Map: runMap,
  Unknown: (visit) => {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${visit.where} Unknown state type '${String(visit.state.declaredType)}'`,
    );
  },
};

/** The work of the states that run synchronously (`state.sync`: JSONPath Pass, Choice, Succeed). */
const SYNC_WORK: Partial<Record<StateType, StateWork<never>>> = {
  Pass: passResult,
  Choice: choosePath,
  Succeed: succeedResult,
};

function runStateSync(state: CompiledState, input: unknown, frame: Frame): StateOutcome {
  const now = frame.rt.clock.now();
  const entered = frame.history.entered(frame.thread, state.enteredEvent, state.name, input, now);
  const visit = new StateVisit(state, frame, entered, now);
  const outcome = runPathPipeline(visit, input, SYNC_WORK[state.type] as StateWork);
  // nothing waited in between: the exit happens at the same instant
  return exit(visit, input, outcome, now);
}

async function runState(state: CompiledState, input: unknown, frame: Frame): Promise<StateOutcome> {
  const now = frame.rt.clock.now();
  const entered = frame.history.entered(frame.thread, state.enteredEvent, state.name, input, now);
  const visit = new StateVisit(state, frame, entered, now);
  let outcome: StateOutcome;
  try {
    outcome = await withRetry(visit, input, WORK[state.type] as StateWork);
  } catch (e) {
    outcome = await recover(visit, input, e);
  }
  return exit(visit, input, outcome);
}

/** Checks the output's size, assigns the variables and records the exit. */
function exit(visit: StateVisit, input: unknown, outcome: StateOutcome, at?: number): StateOutcome {
  const { state, frame } = visit;
  // a pass-through output was checked as an input already
  if (outcome.output !== input) checkPayloadSize(outcome.output, state.name);
  if (outcome.assigned) frame.vars.assign(outcome.assigned);
  frame.history.exited(frame.thread, state.exitedEvent, state.name, outcome.output, outcome.assigned, at);
  return outcome;
}
