/** What the states of one execution share (Runtime), and what one running (sub-)machine adds (Frame). */
import type { StatesError } from '../errors.js';
import type { Clock, ContextObject, Sleeper, TaskHandler } from '../types.js';
import type { Cancellation } from './cancellation.js';
import type { HistoryRecorder, HistoryThread } from './history-recorder.js';
import type { VariableScope } from './variable-scope.js';

/** Everything shared by the states of one execution. */
export interface Runtime {
  readonly clock: Clock;
  readonly sleep: Sleeper;
  readonly resolveHandler: (resource: string) => TaskHandler | undefined;
  readonly region: string;
  readonly random: () => number;
  /** Task tokens of running `.waitForTaskToken` tasks (SendTaskSuccess/Failure/Heartbeat). */
  readonly tokens: Map<string, TokenWaiter>;
  readonly execution: ContextObject['Execution'];
  readonly stateMachine: ContextObject['StateMachine'];
}

/** A `.waitForTaskToken` task waiting for its callback. */
export interface TokenWaiter {
  succeed(output: unknown): void;
  fail(error: StatesError): void;
  heartbeat(): void;
}

/** One running (sub-)machine: the top level, a Parallel branch or a Map iteration. */
export interface Frame {
  readonly rt: Runtime;
  readonly history: HistoryRecorder;
  readonly thread: HistoryThread;
  readonly vars: VariableScope;
  readonly cancel: Cancellation;
}
