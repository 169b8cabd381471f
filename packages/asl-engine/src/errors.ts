/**
 * An error as Step Functions routes it: `name` is the error name matched by Retry/Catch
 * (`States.TaskFailed`, `PaymentError`, ...) and `cause` is the cause text (possibly absent).
 */
export class StatesError extends Error {
  /** The error name, or undefined when a Fail state named none. */
  readonly error: string | undefined;
  override readonly cause: string | undefined;

  constructor(error: string | undefined, cause?: string) {
    super(cause ?? '');
    this.name = error ?? 'StatesError';
    this.error = error;
    this.cause = cause;
  }
}

/** What a task handler throws to fail a Task state with a given error name and cause. */
export class TaskError extends StatesError {
  constructor(error: string, cause?: string) {
    super(error, cause);
  }
}

/** Thrown by `StateMachine.load` when a definition is invalid; lists every problem found. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
  constructor(readonly problems: string[]) {
    super(`Invalid state machine definition:\n- ${problems.join('\n- ')}`);
  }
}

/** Error names Step Functions itself raises. */
export const STATES_ERRORS = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Runtime: 'States.Runtime',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  DataLimitExceeded: 'States.DataLimitExceeded',
  QueryEvaluationError: 'States.QueryEvaluationError',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  Permissions: 'States.Permissions',
} as const;

/** Converts anything a handler threw into a StatesError (Error name -> error, message -> cause). */
export function toStatesError(e: unknown): StatesError {
  if (e instanceof StatesError) return e;
  if (e instanceof Error) {
    const any = e as Error & { sfnError?: unknown; sfnCause?: unknown };
    if (typeof any.sfnError === 'string')
      return new StatesError(any.sfnError, typeof any.sfnCause === 'string' ? any.sfnCause : e.message);
    return new StatesError(e.name || 'Error', e.message);
  }
  return new StatesError(STATES_ERRORS.TaskFailed, typeof e === 'string' ? e : JSON.stringify(e));
}
