import type { QueryLanguage } from '../state.js';
import type { IntegrationOptions, TaskOptions } from '../states/task.js';
import { TaskState } from '../states/task.js';

export type SnsPublishOptions<R, L extends QueryLanguage = 'JSONPath'> = IntegrationOptions<R, L> & {
  readonly topicArn: R;
  /** The message: a string, a JSONPath PathRef, or a JSONata expression (objects are sent as JSON text). */
  readonly message: unknown;
  readonly subject?: unknown;
  /** String message attributes subscribers can filter on: name → value (a literal, PathRef or `{% %}`). */
  readonly messageAttributes?: Readonly<Record<string, unknown>>;
};

/** `sns:publish`, with `sns:Publish` on the topic. */
export function snsPublish<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: SnsPublishOptions<R, L>,
): TaskState<R, L> {
  const { topicArn, message, subject, messageAttributes, ...rest } = options;
  const attributes =
    messageAttributes === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(messageAttributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
        );
  return new TaskState<R, L>(name, {
    ...rest,
    resource: 'arn:aws:states:::sns:publish',
    request: {
      TopicArn: topicArn,
      Message: message,
      ...(subject !== undefined && { Subject: subject }),
      ...(attributes !== undefined && { MessageAttributes: attributes }),
    },
    iam: [{ actions: ['sns:Publish'], resources: [topicArn] }],
  } as unknown as TaskOptions<R, L>);
}
