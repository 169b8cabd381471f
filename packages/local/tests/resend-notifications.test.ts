import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, loadStackModel, type StackModel, startLocalStack } from '../src/index.js';
import { clientsFor } from './fixtures/local-clients.js';
import { runSuccessfulOrder } from './fixtures/run-order.js';

const RESENDER = 'orders-local-resend-notifications';
const OUTBOX = ['PendingNotification', 'NotificationFailedAt', 'NotificationError'];

/** The Orders table's rows, read straight from moto (unchecked, as the tests do). */
function ordersTable(stack: LocalStack) {
  const dynamodb = new DynamoDBClient({
    region: stack.outputs.region,
    endpoint: stack.outputs.endpoints.dynamodb,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  return {
    dynamodb,
    async row(orderId: string): Promise<Record<string, unknown>> {
      const { Item } = await dynamodb.send(
        new GetItemCommand({ TableName: stack.outputs.ordersTableName, Key: { OrderId: { S: orderId } } }),
      );
      return Item === undefined ? {} : unmarshall(Item);
    },
  };
}

/** Everything on the inspection queue now: each SNS envelope's message and String attributes. */
async function delivered(stack: LocalStack) {
  const { sqs } = clientsFor(stack.outputs);
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: stack.outputs.queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
    }),
  );
  sqs.destroy();
  return Messages.map((m) => {
    const envelope = JSON.parse(m.Body ?? '{}') as {
      Message: string;
      MessageAttributes?: Record<string, { Value: string }>;
    };
    return {
      message: JSON.parse(envelope.Message) as Record<string, unknown>,
      attributes: Object.fromEntries(
        Object.entries(envelope.MessageAttributes ?? {}).map(([k, v]) => [k, v.Value]),
      ),
    };
  });
}

describe('the notification re-sender on the local stack', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ quiet: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("sends the notification the workflow kept in the order row's outbox, and clears it", async () => {
    expect(stack.model.functions.map((fn) => fn.name)).toContain(RESENDER);
    // SNS refuses Notify Order Processed past its three retries: the row keeps the notification.
    stack.faults.inject(
      { state: 'Notify Order Processed' },
      { count: 4, error: 'SNS.InternalErrorException' },
    );
    const { sfn } = clientsFor(stack.outputs);
    const orderId = `resend-${Date.now()}`;
    expect(await runSuccessfulOrder(sfn, stack.outputs, orderId)).toBe('SUCCEEDED');
    const orders = ordersTable(stack);
    const kept = String((await orders.row(orderId)).PendingNotification);
    expect(JSON.parse(kept)).toMatchObject({ orderId, state: 'PAYMENT_PROCESSED' });
    expect(await delivered(stack)).toEqual([]);

    // What EventBridge does every 15 minutes in AWS, through the local Lambda service (IAM enforced).
    expect(await stack.invoke(RESENDER)).toMatchObject({
      ok: true,
      payload: { found: 1, sent: 1, failed: 0, superseded: 0 },
    });

    expect(await delivered(stack)).toEqual([
      { message: JSON.parse(kept), attributes: { state: 'PAYMENT_PROCESSED', outcome: 'PROCESSED' } },
    ]);
    const row = await orders.row(orderId);
    expect(Object.keys(row).filter((k) => OUTBOX.includes(k))).toEqual([]);
    expect(row.State).toBe('PAYMENT_PROCESSED');
    orders.dynamodb.destroy();
    sfn.destroy();
  });
});

/** The program's model with `action` taken out of the re-sender's role. */
function withoutGrant(model: StackModel, action: string): StackModel {
  const roleArn = model.functions.find((fn) => fn.name === RESENDER)?.roleArn;
  const strip = (statement: Record<string, unknown>) => ({
    ...statement,
    Action: [statement.Action].flat().filter((a) => a !== action),
  });
  const iam = model.iam;
  if (roleArn === undefined || iam === undefined) throw new Error(`${RESENDER} has no role in the model`);
  return {
    ...model,
    iam: {
      ...iam,
      roles: iam.roles.map((role) =>
        role.arn !== roleArn
          ? role
          : {
              ...role,
              policies: role.policies.map((p) => ({
                ...p,
                document: {
                  ...p.document,
                  Statement: (p.document.Statement as Array<Record<string, unknown>>).map(strip),
                },
              })),
            },
      ),
    },
  };
}

describe("the re-sender's role on the local stack", () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({
      quiet: true,
      model: withoutGrant(await loadStackModel(), 'sns:Publish'),
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('is what lets it publish: without sns:Publish the publish is refused and the row keeps its notification', async () => {
    const orders = ordersTable(stack);
    const message = JSON.stringify({ orderId: 'resend-denied', state: 'PAYMENT_FAILED' });
    await orders.dynamodb.send(
      new PutItemCommand({
        TableName: stack.outputs.ordersTableName,
        Item: {
          OrderId: { S: 'resend-denied' },
          State: { S: 'PAYMENT_FAILED' },
          PendingNotification: { S: message },
          NotificationFailedAt: { S: '2026-12-03T12:00:00.000Z' },
          NotificationError: { S: 'SNS.InternalErrorException' },
        },
      }),
    );

    expect(await stack.invoke(RESENDER)).toMatchObject({
      ok: true,
      payload: { found: 1, sent: 0, failed: 1, superseded: 0 },
    });
    const failure = stack
      .lambdaLogs(RESENDER)
      .flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : []))
      .find((entry) => entry.level === 'ERROR' && entry.orderId === 'resend-denied');
    expect(failure).toMatchObject({
      message: 'publish failed: the notification stays on the row for the next run',
      error: { name: 'AuthorizationErrorException', message: expect.stringContaining('SNS:Publish') },
    });
    expect((await orders.row('resend-denied')).PendingNotification).toBe(message);
    expect(await delivered(stack)).toEqual([]);
    orders.dynamodb.destroy();
  });
});
