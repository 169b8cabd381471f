import type { TaskOptions } from '../states/task.js';
import { TaskState } from '../states/task.js';

export interface SnsPublishOptions<R> extends Omit<TaskOptions<R>, 'resource' | 'iam' | 'request'> {
  readonly topicArn: R;
  /** The message: a string, a JSONPath PathRef, or a JSONata expression (objects are sent as JSON text). */
  readonly message: unknown;
  readonly subject?: unknown;
  /** String message attributes subscribers can filter on: name → value (a literal, PathRef or `{% %}`). */
  readonly messageAttributes?: Readonly<Record<string, unknown>>;
  /** Every task needs a timeout. */
  readonly timeoutSeconds: number;
}

/** `sns:publish`, with `sns:Publish` on the topic. */
export function snsPublish<R = string>(name: string, options: SnsPublishOptions<R>): TaskState<R> {
  const { topicArn, message, subject, messageAttributes, ...rest } = options;
  const attributes =
    messageAttributes === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(messageAttributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
        );
  return new TaskState<R>(name, {
    ...rest,
    resource: 'arn:aws:states:::sns:publish',
    request: {
      TopicArn: topicArn,
      Message: message,
      ...(subject !== undefined && { Subject: subject }),
      ...(attributes !== undefined && { MessageAttributes: attributes }),
    },
    iam: [{ actions: ['sns:Publish'], resources: [topicArn] }],
  });
}
