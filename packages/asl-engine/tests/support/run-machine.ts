import { type ExecutionResult, type StartOptions, StateMachine, type TaskHandler } from '../../src/index.js';
import { fakeTime } from './fake-time.js';

/** Runs a definition with virtual time; `handlers` maps resource ARN (or '*') to a handler. */
export async function runMachine(
  definition: unknown,
  input: unknown = {},
  handlers: Record<string, TaskHandler> = {},
  options: StartOptions = {},
) {
  const time = fakeTime();
  const sm = StateMachine.load(definition);
  const exec = sm.start(input, {
    clock: time.clock,
    sleep: time.sleep,
    dispatcher: { resolve: (r) => handlers[r] ?? handlers['*'] },
    ...options,
  });
  const result: ExecutionResult = await exec.result;
  return { exec, result, time };
}

/** A one-state machine around `state`. */
export function single(state: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const terminal = ['Succeed', 'Fail', 'Choice'].includes(String(state.Type));
  return { StartAt: 'S', States: { S: terminal ? state : { End: true, ...state } }, ...extra };
}
