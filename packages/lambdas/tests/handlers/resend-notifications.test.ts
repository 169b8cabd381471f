import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { MotoServer } from '@orders/moto-server';
import { ORDER_STATES, type OrderNotification, type OrderState } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbNotificationOutbox } from '../../src/adapters/dynamodb-notification-outbox.js';
import { snsNotificationPublisher } from '../../src/adapters/sns-notification-publisher.js';
import { resendNotifications } from '../../src/domain/resend-notifications.js';
import { createResendNotificationsHandler } from '../../src/handlers/resend-notifications.js';
import { memoryLogger } from '../support/capture-logs.js';
import { claimOrder, createOrdersTable, orderRow, startDynamo } from '../support/inventory.js';
import { startNotificationTopic } from '../support/notification-topic.js';

const ORDERS = 'OrdersResend';
let moto: MotoServer;
let dynamodb: DynamoDBClient;
let topic: Awaited<ReturnType<typeof startNotificationTopic>>;

beforeAll(async () => {
  ({ moto, dynamodb } = await startDynamo());
  await createOrdersTable(dynamodb, ORDERS);
  topic = await startNotificationTopic(moto.endpoint, 'order-updates');
}, 60_000);
afterAll(async () => {
  topic?.destroy();
  dynamodb?.destroy();
  await moto?.stop();
});

/** The notification text the workflow's outbox write keeps (`$string($notification)`). */
const notificationText = (orderId: string, state: OrderState, extra: Partial<OrderNotification> = {}) =>
  JSON.stringify({
    orderId,
    state,
    customerId: 'customer-1',
    orderTotal: 10,
    items: [{ itemId: 'item-1', itemDescription: 'Widget', price: 10, quantity: 1 }],
    ...extra,
  } satisfies OrderNotification);

/** An order row in `state` whose notification SNS refused: what Keep … Notification writes. */
async function keptRow(orderId: string, state: OrderState, message = notificationText(orderId, state)) {
  await claimOrder(dynamodb, ORDERS, orderId, state);
  await dynamodb.send(
    new UpdateItemCommand({
      TableName: ORDERS,
      Key: { OrderId: { S: orderId } },
      UpdateExpression: 'SET PendingNotification = :m, NotificationFailedAt = :t, NotificationError = :e',
      ExpressionAttributeValues: {
        ':m': { S: message },
        ':t': { S: '2026-12-03T12:00:00.000Z' },
        ':e': { S: 'SNS.InternalErrorException' },
      },
    }),
  );
  return message;
}

const OUTBOX_FIELDS = ['PendingNotification', 'NotificationFailedAt', 'NotificationError'];
const outboxOf = async (orderId: string) => {
  const row = (await orderRow(dynamodb, ORDERS, orderId)) ?? {};
  return Object.fromEntries(Object.entries(row).filter(([k]) => OUTBOX_FIELDS.includes(k)));
};

const resend = (options: { topicArn?: string; sns?: SNSClient } = {}) => {
  const logs = memoryLogger('resend-notifications');
  const run = createResendNotificationsHandler({
    dynamodb,
    sns: options.sns ?? topic.sns,
    ordersTableName: ORDERS,
    notificationTopicArn: options.topicArn ?? topic.topicArn,
    logger: logs.logger,
  });
  return { run: () => run({}, { awsRequestId: 'resend-1' }), logs };
};

describe('the notification re-sender (resend-notifications)', () => {
  it('publishes every kept notification with its Notify attributes and clears the outbox of its row, once', async () => {
    const processed = await keptRow('r-processed', ORDER_STATES.PAYMENT_PROCESSED);
    const declined = await keptRow('r-declined', ORDER_STATES.PAYMENT_FAILED);
    const rejected = await keptRow('r-rejected', ORDER_STATES.OUT_OF_STOCK);
    await claimOrder(dynamodb, ORDERS, 'r-notified', ORDER_STATES.PAYMENT_PROCESSED);

    expect(await resend().run()).toEqual({ found: 3, sent: 3, failed: 0, superseded: 0 });

    const delivered = await topic.drain();
    expect(delivered).toHaveLength(3);
    expect(delivered).toEqual(
      expect.arrayContaining([
        { message: processed, attributes: { state: 'PAYMENT_PROCESSED', outcome: 'PROCESSED' } },
        { message: declined, attributes: { state: 'PAYMENT_FAILED', outcome: 'DECLINED' } },
        { message: rejected, attributes: { state: 'OUT_OF_STOCK', outcome: 'REJECTED' } },
      ]),
    );
    for (const id of ['r-processed', 'r-declined', 'r-rejected']) expect(await outboxOf(id)).toEqual({});
    // The rest of the row stays.
    expect(await orderRow(dynamodb, ORDERS, 'r-declined')).toMatchObject({
      State: ORDER_STATES.PAYMENT_FAILED,
      CustomerId: 'customer-1',
    });

    expect(await resend().run()).toEqual({ found: 0, sent: 0, failed: 0, superseded: 0 });
    expect(await topic.drain()).toEqual([]);
  });

  it('reads every page of the Scan', async () => {
    // Twelve notifications of about 100 KB: more than the 1 MB a Scan page holds.
    const reason = 'x'.repeat(100_000);
    const ids = Array.from({ length: 12 }, (_, i) => `r-page-${i}`);
    for (const id of ids)
      await keptRow(id, ORDER_STATES.FAILED, notificationText(id, ORDER_STATES.FAILED, { reason }));

    expect(await resend().run()).toEqual({ found: 12, sent: 12, failed: 0, superseded: 0 });
    const delivered = await topic.drain();
    expect(delivered.map((d) => (JSON.parse(d.message) as OrderNotification).orderId).sort()).toEqual(
      ids.sort(),
    );
    for (const id of ids) expect(await outboxOf(id)).toEqual({});
  }, 60_000);

  it('leaves the row as it is when the publish fails, and the next run sends it', async () => {
    const message = await keptRow('r-down', ORDER_STATES.PAYMENT_PROCESSED);
    const missingTopic = topic.topicArn.replace(/order-updates$/, 'no-such-topic');
    const down = resend({ topicArn: missingTopic });

    expect(await down.run()).toEqual({ found: 1, sent: 0, failed: 1, superseded: 0 });
    expect(await outboxOf('r-down')).toEqual({
      PendingNotification: message,
      NotificationFailedAt: '2026-12-03T12:00:00.000Z',
      NotificationError: 'SNS.InternalErrorException',
    });
    expect(down.logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'publish failed: the notification stays on the row for the next run',
        orderId: 'r-down',
        error: expect.objectContaining({ name: 'NotFoundException' }),
      }),
    );
    expect(await topic.drain()).toEqual([]);

    expect(await resend().run()).toEqual({ found: 1, sent: 1, failed: 0, superseded: 0 });
    expect(await topic.drain()).toEqual([
      { message, attributes: { state: 'PAYMENT_PROCESSED', outcome: 'PROCESSED' } },
    ]);
    expect(await outboxOf('r-down')).toEqual({});
  });

  it('keeps a newer notification written on the row while the older one was being sent', async () => {
    const older = await keptRow('r-race', ORDER_STATES.PAYMENT_FAILED);
    const newer = notificationText('r-race', ORDER_STATES.PAYMENT_FAILED, { reason: 'written again' });
    const sns = snsNotificationPublisher(topic.sns, topic.topicArn);
    const result = await resendNotifications(
      dynamoDbNotificationOutbox(dynamodb, ORDERS),
      {
        async publish(message, attributes) {
          await sns.publish(message, attributes);
          // The workflow's outbox write lands between the publish and the clear.
          await keptRow('r-race', ORDER_STATES.PAYMENT_FAILED, newer);
        },
      },
      () => {},
    );

    expect(result).toEqual({ found: 1, sent: 1, failed: 0, superseded: 1 });
    expect((await outboxOf('r-race')).PendingNotification).toBe(newer);
    expect((await topic.drain()).map((d) => d.message)).toEqual([older]);
    expect(await resend().run()).toEqual({ found: 1, sent: 1, failed: 0, superseded: 0 });
    expect((await topic.drain()).map((d) => d.message)).toEqual([newer]);
  });

  it('leaves a message it cannot send on the row, naming the order and the field', async () => {
    await keptRow('r-bad', ORDER_STATES.FAILED, JSON.stringify({ orderId: 'r-bad', state: 'SHIPPED' }));
    const run = resend();

    expect(await run.run()).toEqual({ found: 1, sent: 0, failed: 1, superseded: 0 });
    expect(run.logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        orderId: 'r-bad',
        error: expect.objectContaining({
          name: 'InvalidNotification',
          message: 'PendingNotification.state of order r-bad is "SHIPPED", not an order state',
        }),
      }),
    );
    expect(await outboxOf('r-bad')).toMatchObject({
      PendingNotification: expect.stringContaining('SHIPPED'),
    });
    expect(await topic.drain()).toEqual([]);
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: ORDERS,
        Key: { OrderId: { S: 'r-bad' } },
        UpdateExpression: 'REMOVE PendingNotification',
      }),
    );
  });

  it('reads the table and the topic from ORDERS_TABLE_NAME and NOTIFICATION_TOPIC_ARN, and says which is missing', async () => {
    const handler = createResendNotificationsHandler({
      dynamodb,
      sns: topic.sns,
      logger: memoryLogger('r').logger,
    });
    process.env.ORDERS_TABLE_NAME = ORDERS;
    try {
      await expect(handler({})).rejects.toMatchObject({
        name: 'MissingConfiguration',
        message: 'NOTIFICATION_TOPIC_ARN is not set',
      });
      process.env.NOTIFICATION_TOPIC_ARN = topic.topicArn;
      await expect(handler({})).resolves.toEqual({ found: 0, sent: 0, failed: 0, superseded: 0 });
    } finally {
      delete process.env.ORDERS_TABLE_NAME;
      delete process.env.NOTIFICATION_TOPIC_ARN;
    }
  });
});
