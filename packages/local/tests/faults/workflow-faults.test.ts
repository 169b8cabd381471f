import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { EXAMPLE_ORDERS } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../src/index.js';
import { clientsFor } from '../fixtures/local-clients.js';
import { submitOrder } from '../fixtures/submit-order.js';

const RECORD = 'Record Processed Order';
const NOTIFY = 'Notify Order Processed';
const OUTBOX = 'Keep Order Processed Notification';

describe('faults on the service Tasks of the deployed workflow', () => {
  let stack: LocalStack;
  let clients: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    stack = await startLocalStack({ quiet: true });
    clients = clientsFor(stack.outputs);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function runOrder(
    label: string,
  ): Promise<{ orderId: string; described: DescribeExecutionCommandOutput; events: HistoryEvent[] }> {
    const orderId = `faults-${label}-${Date.now()}`;
    const executionArn = await submitOrder(stack.outputs, EXAMPLE_ORDERS.success, orderId);
    for (;;) {
      const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'RUNNING') {
        const { events = [] } = await clients.sfn.send(
          new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
        );
        return { orderId, described, events };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The errors each attempt of `state` failed with, in order, and how many attempts it made. */
  function attempts(events: HistoryEvent[], state: string): { scheduled: number; errors: string[] } {
    let inside = false;
    let scheduled = 0;
    const errors: string[] = [];
    for (const event of events) {
      if (event.type === 'TaskStateEntered') inside = event.stateEnteredEventDetails?.name === state;
      if (!inside) continue;
      if (event.type === 'TaskScheduled') scheduled++;
      if (event.type === 'TaskFailed') errors.push(event.taskFailedEventDetails?.error ?? '');
      if (event.type === 'TaskStateExited') inside = false;
    }
    return { scheduled, errors };
  }

  /** The states the execution entered, in order. */
  function entered(events: HistoryEvent[]): string[] {
    return events.flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : []));
  }

  async function orderRow(orderId: string): Promise<Record<string, unknown>> {
    const { Item } = await clients.dynamodb.send(
      new GetItemCommand({ TableName: stack.outputs.ordersTableName, Key: { OrderId: { S: orderId } } }),
    );
    return Item === undefined ? {} : unmarshall(Item);
  }

  it(`retries a throttled ${RECORD} and the order is processed`, async () => {
    stack.faults.inject(
      { state: RECORD },
      { count: 1, error: 'DynamoDB.ProvisionedThroughputExceededException' },
    );
    expect(stack.faults.pendingByState()).toEqual({ [RECORD]: 1 });

    const { orderId, described, events } = await runOrder('throttled-record');

    expect(described.status).toBe('SUCCEEDED');
    expect(attempts(events, RECORD)).toEqual({
      scheduled: 2,
      errors: ['DynamoDB.ProvisionedThroughputExceededException'],
    });
    expect((await orderRow(orderId)).State).toBe('PAYMENT_PROCESSED');
    expect(stack.faults.pendingByState()).toEqual({});
  });

  it(`keeps the notification in the order row's outbox when ${NOTIFY} keeps failing past its retries`, async () => {
    // Notify's Retry (SNS_RETRY) allows 3 retries of SNS.InternalErrorException: 4 faults outlast them.
    stack.faults.inject({ state: NOTIFY }, { count: 4, error: 'SNS.InternalErrorException' });

    const { orderId, described, events } = await runOrder('notify-down');

    // The order was charged and recorded: the run succeeds, and the row keeps the notification for re-sending.
    expect(described.status).toBe('SUCCEEDED');
    expect(attempts(events, NOTIFY)).toEqual({
      scheduled: 4,
      errors: Array(4).fill('SNS.InternalErrorException'),
    });
    expect(entered(events)).toContain(OUTBOX);
    const row = await orderRow(orderId);
    expect(row.State).toBe('PAYMENT_PROCESSED');
    expect(row.NotificationError).toBe('SNS.InternalErrorException');
    expect(JSON.parse(String(row.PendingNotification))).toMatchObject({
      orderId,
      state: 'PAYMENT_PROCESSED',
    });
  });
});
