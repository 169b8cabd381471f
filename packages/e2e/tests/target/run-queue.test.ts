import { CreateTopicCommand, DeleteTopicCommand, PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, QueueDoesNotExist } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { createClients, createRunQueue, receiveNotification, receiveNotifications } from '../../src/index.js';

const target = inject('e2eTarget');

// The AWS target's queue handling, exercised on the local stack's emulated SNS/SQS with a topic of its
// own (on AWS the real run queue is already in use by the scenarios: nothing to add there).
describe.skipIf(target.kind !== 'local')('run queue (local SNS/SQS)', () => {
  it('receives what the topic publishes, matched by order id, and is deleted after', async () => {
    const { sns, sqs } = createClients(target);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `${target.runId}-queue-test` }));
    const queue = await createRunQueue(sqs, sns, TopicArn!, `${target.runId}-queue-test`);
    try {
      for (const orderId of ['a', 'b', 'a2', 'b']) {
        await sns.send(new PublishCommand({ TopicArn, Message: JSON.stringify({ orderId, state: 'X' }) }));
      }

      const a2 = await receiveNotification(sqs, queue.queueUrl, 'a2');
      const bs = await receiveNotifications(sqs, queue.queueUrl, 'b', { settleMs: 2_000 });
      const a = await receiveNotification(sqs, queue.queueUrl, 'a');

      expect(a2.message).toEqual({ orderId: 'a2', state: 'X' });
      expect(bs.map((n) => n.message)).toEqual([
        { orderId: 'b', state: 'X' },
        { orderId: 'b', state: 'X' },
      ]);
      expect(a.message).toEqual({ orderId: 'a', state: 'X' });
      await expect(receiveNotification(sqs, queue.queueUrl, 'a', { timeoutMs: 1_500 })).rejects.toThrow(
        /no notification for order a within 1500 ms/,
      );
    } finally {
      await queue.delete();
      await sns.send(new DeleteTopicCommand({ TopicArn }));
    }
    const queueName = queue.queueUrl.split('/').at(-1);
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
  });
});
