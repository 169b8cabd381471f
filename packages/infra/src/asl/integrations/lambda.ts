import { lambdaServiceRetry } from '../retry.js';
import type { TaskOptions } from '../states/task.js';
import { TaskState } from '../states/task.js';

export interface LambdaInvokeOptions<R> extends Omit<TaskOptions<R>, 'resource' | 'iam' | 'request'> {
  /** The function's ARN (or name) ref. */
  readonly functionArn: R;
  /** The event: a JSONPath template / PathRef-valued object, or a JSONata template or `{% %}` expression. */
  readonly payload?: unknown;
  /** `RequestResponse` (default) or `Event`. */
  readonly invocationType?: 'RequestResponse' | 'Event';
  /** Every task needs a timeout: without one a hung call holds the execution for up to a year. */
  readonly timeoutSeconds: number;
  /** Prepend the AWS-recommended retrier for transient Lambda errors (default true). */
  readonly retryTransientErrors?: boolean;
}

/** `arn:aws:states:::lambda:invoke`, with `lambda:InvokeFunction` on the function and the transient-error retry. */
export function lambdaInvoke<R = string>(name: string, options: LambdaInvokeOptions<R>): TaskState<R> {
  const { functionArn, payload, invocationType, retryTransientErrors = true, retry = [], ...rest } = options;
  return new TaskState<R>(name, {
    ...rest,
    resource: 'arn:aws:states:::lambda:invoke',
    request: {
      FunctionName: functionArn,
      ...(payload !== undefined && { Payload: payload }),
      ...(invocationType !== undefined && { InvocationType: invocationType }),
    },
    retry: retryTransientErrors ? [lambdaServiceRetry(), ...retry] : retry,
    iam: [{ actions: ['lambda:InvokeFunction'], resources: [functionArn] }],
  });
}
