import { renderIo } from '../private/io.js';
import { dropUndefined } from '../private/render-value.js';
import { RetryableState } from '../private/retryable-state.js';
import type {
  ErrorHandlingOptions,
  IamStatement,
  InLanguage,
  IoOptions,
  QueryLanguage,
  RenderContext,
  StateOptions,
} from '../state.js';

/** Every field of a Task state (besides Retry and Catch). */
export interface TaskFields<R = string> extends IoOptions {
  /** The integration ARN (`arn:aws:states:::lambda:invoke`, …) or an activity/function ARN ref. */
  readonly resource: string | R;
  /** Seconds before the task fails with `States.Timeout` (positive integer; ASL default 60 s for Lambda). */
  readonly timeoutSeconds?: number;
  /** Seconds between heartbeats before `States.HeartbeatTimeout` (positive integer < timeoutSeconds). */
  readonly heartbeatSeconds?: number;
  /**
   * The integration's request (API parameters in PascalCase): rendered as `Parameters` in a JSONPath state
   * (PathRef values become `.$` fields) and as `Arguments` in a JSONata state.
   */
  readonly request?: Readonly<Record<string, unknown>>;
  /** The IAM permissions this task needs (the role is derived from every task's statements). */
  readonly iam?: readonly IamStatement<R>[];
}

/** A Task state's options in language L. */
export type TaskOptions<R = string, L extends QueryLanguage = 'JSONPath'> = StateOptions<L> &
  ErrorHandlingOptions<L> &
  InLanguage<TaskFields<R>, L>;

/** What every integration helper takes: a Task's options without the parts the helper writes, and a timeout. */
export type IntegrationOptions<R, L extends QueryLanguage> = Omit<
  TaskOptions<R, L>,
  'resource' | 'iam' | 'request' | 'timeoutSeconds'
> & {
  /** Every task needs a timeout: without one a hung call holds the execution for up to a year. */
  readonly timeoutSeconds: number;
};

/** A Task state: calls a service integration, an activity or a function. */
export class TaskState<R = string, L extends QueryLanguage = QueryLanguage> extends RetryableState<L> {
  readonly type = 'Task' as const;
  declare readonly options: StateOptions<L> & TaskFields<R>;

  constructor(name: string, options: TaskOptions<R, L>) {
    super(name, options as StateOptions<L>);
  }

  /** The IAM statements this task declares. */
  get iam(): readonly IamStatement<R>[] {
    return this.options.iam ?? [];
  }

  override renderBody(render: RenderContext): Record<string, unknown> {
    const { request, ...o } = this.options;
    const io =
      request === undefined
        ? o
        : this.queryLanguage === 'JSONata'
          ? { ...o, arguments: request }
          : { ...o, parameters: request };
    return dropUndefined({
      Resource: o.resource,
      ...renderIo(io),
      TimeoutSeconds: o.timeoutSeconds,
      HeartbeatSeconds: o.heartbeatSeconds,
      ...this.renderErrorHandling(render),
    });
  }
}

/** A Task state. Prefer the integration helpers (`lambdaInvoke`, `dynamoPutItem`, …) which declare IAM. */
export function task<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: TaskOptions<R, L>,
): TaskState<R, L> {
  return new TaskState<R, L>(name, options);
}
