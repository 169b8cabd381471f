import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidExecutionInput,
  InvalidName,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StateMachineDoesNotExist,
  StateMachineTypeNotSupported,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../src/index.js';
import { clientsFor } from './fixtures/local-clients.js';
import { testModel } from './fixtures/test-model.js';

let stack: LocalStack;
let clients: ReturnType<typeof clientsFor>;
let machineArn: string;

beforeAll(async () => {
  stack = await startLocalStack({ quiet: true, model: testModel() });
  clients = clientsFor(stack.outputs);
  machineArn = stack.outputs.stateMachineArn;
});
afterAll(async () => {
  await stack?.stop();
});

async function waitDone(executionArn: string) {
  for (;;) {
    const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const start = (name: string, input: object) =>
  clients.sfn.send(
    new StartExecutionCommand({ stateMachineArn: machineArn, name, input: JSON.stringify(input) }),
  );

describe('state machines', () => {
  it('describes the program state machine with its definition and type', async () => {
    const described = await clients.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: machineArn }),
    );
    expect(described).toMatchObject({ name: 'test-machine', type: 'STANDARD', status: 'ACTIVE' });
    expect(JSON.parse(described.definition ?? '')).toMatchObject({ StartAt: 'Echo' });
    expect(described.creationDate).toBeInstanceOf(Date);
  });

  it('lists the program state machine and ones created through the API', async () => {
    const created = await clients.sfn.send(
      new CreateStateMachineCommand({
        name: 'listed',
        definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
        roleArn: 'arn:aws:iam::123456789012:role/r',
      }),
    );
    const { stateMachines = [] } = await clients.sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines.map((m) => m.stateMachineArn)).toEqual(
      expect.arrayContaining([machineArn, created.stateMachineArn]),
    );
  });

  it('rejects a definition the engine rejects with InvalidDefinition naming the problem', async () => {
    const attempt = clients.sfn.send(
      new CreateStateMachineCommand({
        name: 'broken',
        definition: JSON.stringify({ StartAt: 'Missing', States: { P: { Type: 'Pass', End: true } } }),
        roleArn: 'arn:aws:iam::123456789012:role/r',
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(attempt).rejects.toThrow(/Missing/);
  });

  it('answers StateMachineDoesNotExist and InvalidArn like AWS', async () => {
    const missing = machineArn.replace('test-machine', 'nope');
    await expect(
      clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: missing })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'nope' })),
    ).rejects.toBeInstanceOf(InvalidArn);
  });
});

describe('executions', () => {
  it('runs an execution through the Lambda worker, DynamoDB and SNS, and records its history', async () => {
    const { executionArn, startDate } = await start('run-1', { orderId: 'order-run-1' });
    expect(executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:test-machine:run-1');
    expect(startDate).toBeInstanceOf(Date);
    const done = await waitDone(executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toMatchObject({ orderId: 'order-run-1', table: 'test-orders' });

    const { events = [] } = await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events[0]?.type).toBe('ExecutionStarted');
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    const entered = events.flatMap((e) => e.stateEnteredEventDetails?.name ?? []);
    expect(entered).toEqual(['Echo', 'Wait if asked', 'Write row', 'Publish']);
    const invoke = events.find(
      (e) => e.type === 'TaskSucceeded' && e.taskSucceededEventDetails?.resource === 'invoke',
    );
    const envelope = JSON.parse(invoke?.taskSucceededEventDetails?.output ?? '{}');
    expect(envelope).toMatchObject({
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
      Payload: { orderId: 'order-run-1' },
    });

    const dynamodb = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: stack.outputs.endpoints.dynamodb,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: 'test-orders', Key: { OrderId: { S: 'order-run-1' } } }),
    );
    expect(Item?.OrderId?.S).toBe('order-run-1');

    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.outputs.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    const bodies = Messages.map((m) => JSON.parse(m.Body ?? '{}'));
    const notification = bodies.find((b) => JSON.parse(b.Message).orderId === 'order-run-1');
    expect(notification).toMatchObject({
      Type: 'Notification',
      TopicArn: stack.outputs.notificationTopicArn,
    });
  });

  it('pages the history with maxResults and nextToken, and reverses it on request', async () => {
    const { executionArn } = await start('paged', { orderId: 'order-paged' });
    await waitDone(executionArn!);
    const first = await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3 }));
    expect(first.events?.map((e) => e.id)).toEqual([1, 2, 3]);
    const second = await clients.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken: first.nextToken }),
    );
    expect(second.events?.[0]?.id).toBe(4);
    const reversed = await clients.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }),
    );
    expect(reversed.events?.[0]?.type).toBe('ExecutionSucceeded');
  });

  it('fails the task with the DynamoDB error name when a condition fails', async () => {
    await waitDone((await start('dup-a', { orderId: 'order-dup' })).executionArn!);
    const done = await waitDone((await start('dup-b', { orderId: 'order-dup' })).executionArn!);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(done.cause).toMatch(
      /Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException/,
    );
  });

  it('lists executions newest first, filtered by status', async () => {
    const { executionArn } = await start('listed-run', { orderId: 'order-listed' });
    await waitDone(executionArn!);
    const { executions = [] } = await clients.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machineArn, statusFilter: 'SUCCEEDED' }),
    );
    expect(executions[0]?.name).toBe('listed-run');
    expect(executions.every((e) => e.status === 'SUCCEEDED')).toBe(true);
    const failed = await clients.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machineArn, statusFilter: 'FAILED' }),
    );
    expect(failed.executions?.map((e) => e.name)).not.toContain('listed-run');
  });

  it('stops a running execution: ABORTED with the given error and cause, and an ExecutionAborted event', async () => {
    const { executionArn } = await start('to-stop', { orderId: 'order-stop', slowMs: 800 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { stopDate } = await clients.sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'changed my mind' }),
    );
    expect(stopDate).toBeInstanceOf(Date);
    const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'changed my mind' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { events = [] } = await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.map((e) => e.type)).toContain('ExecutionAborted');
  });

  it('validates names and input', async () => {
    await expect(start('has space', {})).rejects.toBeInstanceOf(InvalidName);
    await expect(
      clients.sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, input: '{not json' })),
    ).rejects.toBeInstanceOf(InvalidExecutionInput);
    await expect(
      clients.sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${machineArn.replace('stateMachine', 'execution')}:ghost`,
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });
});

describe('execution name idempotency', () => {
  it('returns the running execution for the same name and input', async () => {
    const input = { orderId: 'order-idem', slowMs: 600 };
    const first = await start('idem', input);
    const again = await start('idem', input);
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());
    await waitDone(first.executionArn!);
  });

  it('fails with ExecutionAlreadyExists for the same name with other input', async () => {
    const first = await start('idem-other', { orderId: 'order-idem-2', slowMs: 600 });
    await expect(start('idem-other', { orderId: 'something-else' })).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );
    await waitDone(first.executionArn!);
  });

  it('fails with ExecutionAlreadyExists for the same name and input once the first run has closed', async () => {
    const input = { orderId: 'order-idem-3' };
    await waitDone((await start('idem-closed', input)).executionArn!);
    await expect(start('idem-closed', input)).rejects.toThrow(/Execution Already Exists/);
  });
});

describe('express workflows', () => {
  it('refuses DescribeExecution, GetExecutionHistory, StopExecution and ListExecutions as AWS does', async () => {
    const create = async (name: string, state: object) =>
      (
        await clients.sfn.send(
          new CreateStateMachineCommand({
            name,
            type: 'EXPRESS',
            definition: JSON.stringify({ StartAt: 'S', States: { S: { ...state, End: true } } }),
            roleArn: 'arn:aws:iam::123456789012:role/r',
          }),
        )
      ).stateMachineArn!;
    const quick = await create('express-pass', { Type: 'Pass' });
    const slow = await create('express-wait', { Type: 'Wait', Seconds: 3600 });
    const finished = (await clients.sfnSync.send(new StartSyncExecutionCommand({ stateMachineArn: quick })))
      .executionArn!;
    const running = (await clients.sfn.send(new StartExecutionCommand({ stateMachineArn: slow })))
      .executionArn!;
    expect(running).toMatch(/:express:express-wait:/);
    for (const executionArn of [finished, running]) {
      for (const call of [
        clients.sfn.send(new DescribeExecutionCommand({ executionArn })),
        clients.sfn.send(new GetExecutionHistoryCommand({ executionArn })),
        clients.sfn.send(new StopExecutionCommand({ executionArn })),
        clients.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn })),
      ]) {
        const error = await call.then(
          () => undefined,
          (e: InvalidArn) => e,
        );
        expect(error).toBeInstanceOf(InvalidArn);
        expect(error?.message).toBe("Invalid Arn: 'Resource type not valid in this context: express'");
        expect(error?.$metadata.httpStatusCode).toBe(400);
      }
    }
    for (const stateMachineArn of [quick, slow]) {
      const error = await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn })).then(
        () => undefined,
        (e: StateMachineTypeNotSupported) => e,
      );
      expect(error).toBeInstanceOf(StateMachineTypeNotSupported);
      expect(error?.$metadata.httpStatusCode).toBe(400);
    }
  });

  it('runs StartSyncExecution on an EXPRESS machine and refuses it on a STANDARD one', async () => {
    const { stateMachineArn } = await clients.sfn.send(
      new CreateStateMachineCommand({
        name: 'express-echo',
        type: 'EXPRESS',
        definition: JSON.stringify({
          StartAt: 'Echo',
          States: {
            Echo: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: 'test-echo', 'Payload.$': '$' },
              OutputPath: '$.Payload',
              End: true,
            },
          },
        }),
        roleArn: 'arn:aws:iam::123456789012:role/r',
      }),
    );
    const result = await clients.sfnSync.send(
      new StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify({ hello: 'world' }) }),
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '')).toMatchObject({ hello: 'world' });
    expect(result.executionArn).toMatch(/:express:express-echo:/);
    expect(result.billingDetails?.billedDurationInMilliseconds).toBeGreaterThanOrEqual(100);
    await expect(
      clients.sfnSync.send(new StartSyncExecutionCommand({ stateMachineArn: machineArn, input: '{}' })),
    ).rejects.toBeInstanceOf(StateMachineTypeNotSupported);
  });
});
