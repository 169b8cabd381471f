import { dropUndefined } from './private/render-value.js';
import type { InLanguage, QueryLanguage } from './state.js';

/** Retry and Catch policies (the `Retry` / `Catch` fields of Task, Parallel and Map states). */

/** Error names Step Functions itself raises. */
export const StatesErrors = {
  ALL: 'States.ALL',
  TIMEOUT: 'States.Timeout',
  TASK_FAILED: 'States.TaskFailed',
  HEARTBEAT_TIMEOUT: 'States.HeartbeatTimeout',
  PERMISSIONS: 'States.Permissions',
  RESULT_PATH_MATCH_FAILURE: 'States.ResultPathMatchFailure',
  PARAMETER_PATH_FAILURE: 'States.ParameterPathFailure',
  BRANCH_FAILED: 'States.BranchFailed',
  NO_CHOICE_MATCHED: 'States.NoChoiceMatched',
  INTRINSIC_FAILURE: 'States.IntrinsicFailure',
  QUERY_EVALUATION_ERROR: 'States.QueryEvaluationError',
} as const;

/** Transient Lambda service errors AWS recommends retrying for every `lambda:invoke` task. */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;

export interface RetryOptions {
  /** Error names this retrier matches; `['States.ALL']` alone matches everything. */
  readonly errors: readonly string[];
  /** Seconds before the first retry (positive integer; ASL default 1). */
  readonly intervalSeconds?: number;
  /** Retries after the first attempt (non-negative integer; ASL default 3; 0 = never retry). */
  readonly maxAttempts?: number;
  /** Multiplier of the interval per retry (>= 1; ASL default 2). */
  readonly backoffRate?: number;
  /** Upper bound of the interval in seconds (positive integer). */
  readonly maxDelaySeconds?: number;
  /** `FULL` randomises each interval between 0 and its computed value. */
  readonly jitterStrategy?: 'FULL' | 'NONE';
  readonly comment?: string;
}

/** A retrier, as given to `task(...).addRetry()` or a state's `retry` option. */
export function retry(options: RetryOptions): RetryOptions {
  return options;
}

/**
 * The AWS-recommended retrier for `lambda:invoke`: the Lambda service's transient errors, first retry after
 * 2 s, 6 attempts, backoff 2, full jitter. Override any field: `lambdaServiceRetry({ maxAttempts: 3 })`.
 */
export function lambdaServiceRetry(overrides: Partial<RetryOptions> = {}): RetryOptions {
  return {
    errors: LAMBDA_TRANSIENT_ERRORS,
    intervalSeconds: 2,
    maxAttempts: 6,
    backoffRate: 2,
    jitterStrategy: 'FULL',
    ...overrides,
  };
}

/** A catcher: where a matching error goes and what the handler state receives. */
/** Every field of a catcher; a state takes its language's (`CatchOptions<L>`). */
export interface CatchFields {
  /** Error names; default `['States.ALL']`. */
  readonly errors?: readonly string[];
  /** JSONPath: where the error output `{ Error, Cause }` goes in the input (default `$`). */
  readonly resultPath?: string | null;
  /** JSONata: the handler's input (default: the error output). */
  readonly output?: unknown;
  /** Variables to set (JSONPath or JSONata). */
  readonly assign?: Readonly<Record<string, unknown>>;
  readonly comment?: string;
}

/** A catcher's options in language L (`resultPath` for JSONPath, `output` for JSONata). */
export type CatchOptions<L extends QueryLanguage = 'JSONPath'> = InLanguage<CatchFields, L>;

export function renderRetry(options: RetryOptions): Record<string, unknown> {
  return dropUndefined({
    ErrorEquals: [...options.errors],
    Comment: options.comment,
    IntervalSeconds: options.intervalSeconds,
    MaxAttempts: options.maxAttempts,
    BackoffRate: options.backoffRate,
    MaxDelaySeconds: options.maxDelaySeconds,
    JitterStrategy: options.jitterStrategy,
  });
}
