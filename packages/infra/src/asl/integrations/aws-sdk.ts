import type { TaskOptions } from '../states/task.js';
import { TaskState } from '../states/task.js';

export interface AwsSdkCallOptions<R> extends Omit<TaskOptions<R>, 'resource' | 'iam' | 'request'> {
  /** The SDK service name in lower case, e.g. `dynamodb`, `s3`, `eventbridge`. */
  readonly service: string;
  /** The API action in camelCase, e.g. `query`, `getObject`. */
  readonly action: string;
  /** The API request in PascalCase. */
  readonly request?: Readonly<Record<string, unknown>>;
  /** IAM actions (default `<service>:<Action>`). */
  readonly iamActions?: readonly string[];
  /** IAM resources the call touches (refs). */
  readonly iamResources: readonly R[];
  /** Every task needs a timeout. */
  readonly timeoutSeconds: number;
}

/** Any AWS SDK call (`arn:aws:states:::aws-sdk:<service>:<action>`), declaring its IAM. */
export function awsSdkCall<R = string>(name: string, options: AwsSdkCallOptions<R>): TaskState<R> {
  const { service, action, request, iamActions, iamResources, ...rest } = options;
  const defaultAction = `${service}:${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  return new TaskState<R>(name, {
    ...rest,
    resource: `arn:aws:states:::aws-sdk:${service}:${action}`,
    ...(request !== undefined && { request }),
    iam: [{ actions: iamActions ?? [defaultAction], resources: iamResources }],
  });
}
