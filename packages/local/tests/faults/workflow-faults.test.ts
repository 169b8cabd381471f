import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { EXAMPLE_ORDERS } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../src/index.js';
import { clientsFor } from '../fixtures/local-clients.js';

const RECORD = 'Record Processed Order';
const NOTIFY = 'Notify Order Processed';

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
    const { executionArn } = await clients.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stack.outputs.stateMachineArn,
        name: orderId,
        input: JSON.stringify({ ...EXAMPLE_ORDERS.success, orderId }),
      }),
    );
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

  async function orderState(orderId: string): Promise<string | undefined> {
    const dynamodb = new DynamoDBClient({
      region: stack.outputs.region,
      endpoint: stack.outputs.endpoints.dynamodb,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: stack.outputs.ordersTableName, Key: { OrderId: { S: orderId } } }),
    );
    dynamodb.destroy();
    return Item?.State?.S;
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
    expect(await orderState(orderId)).toBe('PAYMENT_PROCESSED');
    expect(stack.faults.pendingByState()).toEqual({});
  });

  it(`fails the execution when ${NOTIFY} keeps failing past its retries (no Catch)`, async () => {
    // Notify's Retry (SNS_RETRY) allows 3 retries of SNS.InternalErrorException: 4 faults outlast them.
    stack.faults.inject({ state: NOTIFY }, { count: 4, error: 'SNS.InternalErrorException' });

    const { orderId, described, events } = await runOrder('notify-down');

    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('SNS.InternalErrorException');
    expect(described.cause).toContain(
      '(Service: AmazonSNS; Status Code: 500; Error Code: InternalErrorException;',
    );
    expect(attempts(events, NOTIFY)).toEqual({
      scheduled: 4,
      errors: Array(4).fill('SNS.InternalErrorException'),
    });
    // charged and recorded before the notification failed
    expect(await orderState(orderId)).toBe('PAYMENT_PROCESSED');
  });
});
