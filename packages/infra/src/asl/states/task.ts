import { renderIo } from '../private/io.js';
import { dropUndefined } from '../private/render-value.js';
import { RetryableState } from '../private/retryable-state.js';
import type { ErrorHandlingOptions, IamStatement, IoOptions, RenderContext, StateOptions } from '../state.js';

export interface TaskOptions<R = string> extends StateOptions, ErrorHandlingOptions, IoOptions {
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

/** A Task state: calls a service integration, an activity or a function. */
export class TaskState<R = string> extends RetryableState {
  readonly type = 'Task' as const;

  constructor(
    name: string,
    readonly options: TaskOptions<R>,
  ) {
    super(name, options);
  }

  /** The IAM statements this task declares. */
  get iam(): readonly IamStatement<R>[] {
    return this.options.iam ?? [];
  }

  override renderBody(render: RenderContext): Record<string, unknown> {
    const { request, ...o } = this.options;
    const language = this.queryLanguage ?? render.queryLanguage;
    const io =
      request === undefined
        ? o
        : language === 'JSONata'
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
export function task<R = string>(name: string, options: TaskOptions<R>): TaskState<R> {
  return new TaskState(name, options);
}
