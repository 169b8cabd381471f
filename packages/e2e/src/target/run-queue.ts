import { type SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** An SQS queue subscribed to the notification topic for one run. */
export interface RunQueue {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly subscriptionArn: string;
  /** Unsubscribe and delete the queue. */
  delete(): Promise<void>;
}

/** The queue policy that lets exactly this topic deliver to the queue. */
export function queuePolicy(queueArn: string, topicArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowNotificationTopic',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
      },
    ],
  });
}

/**
 * Create `orders-e2e-<runId>`, allow the topic to send to it and subscribe it, so the run reads
 * notifications without touching any queue the stack owns.
 */
export async function createRunQueue(
  sqs: SQSClient,
  sns: SNSClient,
  topicArn: string,
  runId: string,
): Promise<RunQueue> {
  const queueName = `orders-e2e-${runId}`.slice(0, 80);
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: queueName, Attributes: { MessageRetentionPeriod: '3600' } }),
  );
  if (!QueueUrl) throw new Error(`CreateQueue ${queueName} returned no QueueUrl`);
  const deleteQueue = () => sqs.send(new DeleteQueueCommand({ QueueUrl })).then(() => undefined);
  try {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queueArn = Attributes?.QueueArn;
    if (!queueArn) throw new Error(`queue ${QueueUrl} has no QueueArn`);
    // The policy is set on the queue itself (SetQueueAttributes) before subscribing so no message is lost.
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: queuePolicy(queueArn, topicArn) } }),
    );
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: queueArn,
        ReturnSubscriptionArn: true,
      }),
    );
    if (!SubscriptionArn) throw new Error(`Subscribe ${queueArn} to ${topicArn} returned no SubscriptionArn`);
    return {
      queueUrl: QueueUrl,
      queueArn,
      subscriptionArn: SubscriptionArn,
      async delete() {
        await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
        await deleteQueue();
      },
    };
  } catch (error) {
    await deleteQueue().catch(() => undefined);
    throw error;
  }
}
