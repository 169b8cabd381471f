import { lambdaServiceRetry } from '../retry.js';
import type { QueryLanguage } from '../state.js';
import type { IntegrationOptions, TaskOptions } from '../states/task.js';
import { TaskState } from '../states/task.js';

export type LambdaInvokeOptions<R, L extends QueryLanguage = 'JSONPath'> = IntegrationOptions<R, L> & {
  /** The function's ARN (or name) ref. */
  readonly functionArn: R;
  /** The event: a JSONPath template / PathRef-valued object, or a JSONata template or `{% %}` expression. */
  readonly payload?: unknown;
  /** `RequestResponse` (default) or `Event`. */
  readonly invocationType?: 'RequestResponse' | 'Event';
  /** Prepend the AWS-recommended retrier for transient Lambda errors (default true). */
  readonly retryTransientErrors?: boolean;
};

/** `arn:aws:states:::lambda:invoke`, with `lambda:InvokeFunction` on the function and the transient-error retry. */
export function lambdaInvoke<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: LambdaInvokeOptions<R, L>,
): TaskState<R, L> {
  const { functionArn, payload, invocationType, retryTransientErrors = true, retry = [], ...rest } = options;
  return new TaskState<R, L>(name, {
    ...rest,
    resource: 'arn:aws:states:::lambda:invoke',
    request: {
      FunctionName: functionArn,
      ...(payload !== undefined && { Payload: payload }),
      ...(invocationType !== undefined && { InvocationType: invocationType }),
    },
    retry: retryTransientErrors ? [lambdaServiceRetry(), ...retry] : retry,
    iam: [{ actions: ['lambda:InvokeFunction'], resources: [functionArn] }],
  } as unknown as TaskOptions<R, L>);
}
