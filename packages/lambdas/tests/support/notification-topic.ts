import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

/** A message as the topic delivered it: the published text and its String message attributes. */
export interface Delivered {
  readonly message: string;
  readonly attributes: Record<string, string>;
}

/**
 * A topic in moto at `endpoint` with an SQS queue subscribed (raw delivery off: each body is the SNS
 * envelope, which carries the message attributes), to see what was published. `drain()` takes everything
 * delivered so far off the queue.
 */
export async function startNotificationTopic(endpoint: string, name: string) {
  const sns = new SNSClient({ endpoint });
  const sqs = new SQSClient({ endpoint });
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-inspect` }));
  if (TopicArn === undefined || QueueUrl === undefined) throw new Error(`moto did not create ${name}`);
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await sns.send(
    new SubscribeCommand({
      TopicArn,
      Protocol: 'sqs',
      Endpoint: Attributes?.QueueArn,
      Attributes: { RawMessageDelivery: 'false' },
    }),
  );
  const drain = async (): Promise<Delivered[]> => {
    const delivered: Delivered[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return delivered;
      for (const m of Messages) {
        const envelope = JSON.parse(m.Body ?? '{}') as {
          Message: string;
          MessageAttributes?: Record<string, { Type: string; Value: string }>;
        };
        delivered.push({
          message: envelope.Message,
          attributes: Object.fromEntries(
            Object.entries(envelope.MessageAttributes ?? {}).map(([k, v]) => [k, v.Value]),
          ),
        });
      }
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
  };
  const destroy = () => {
    sns.destroy();
    sqs.destroy();
  };
  return { sns, topicArn: TopicArn, drain, destroy };
}
