import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../src/index.js';
import { clientsFor } from './fixtures/local-clients.js';
import { testModel } from './fixtures/test-model.js';

let stack: LocalStack;
let clients: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  stack = await startLocalStack({ quiet: true, model: testModel() });
  clients = clientsFor(stack.outputs);
});
afterAll(async () => {
  await stack?.stop();
});

async function runTask(name: string, task: object, input: object = {}) {
  const { stateMachineArn } = await clients.sfn.send(
    new CreateStateMachineCommand({
      name,
      definition: JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', ...task, End: true } } }),
      roleArn: 'arn:aws:iam::123456789012:role/r',
    }),
  );
  const { executionArn } = await clients.sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  for (;;) {
    const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('service integrations against moto', () => {
  it('aws-sdk:dynamodb:* calls the SDK command named by the action and returns its output', async () => {
    const put = await runTask('sdk-put', {
      Resource: 'arn:aws:states:::aws-sdk:dynamodb:putItem',
      Parameters: {
        TableName: 'test-inventory',
        Item: { ItemId: { S: 'sdk-item' }, quantityInStock: { N: '7' } },
      },
    });
    expect(put.status).toBe('SUCCEEDED');
    const get = await runTask('sdk-get', {
      Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem',
      Parameters: { TableName: 'test-inventory', Key: { ItemId: { S: 'sdk-item' } } },
    });
    expect(JSON.parse(get.output ?? '{}')).toEqual({
      Item: { ItemId: { S: 'sdk-item' }, quantityInStock: { N: '7' } },
    });
  });

  it('names aws-sdk errors DynamoDb.<Code> and optimized ones DynamoDB.<Code>', async () => {
    const sdk = await runTask('sdk-missing', {
      Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem',
      Parameters: { TableName: 'no-such-table', Key: { ItemId: { S: 'x' } } },
    });
    expect(sdk.error).toBe('DynamoDb.ResourceNotFoundException');
    const optimized = await runTask('opt-missing', {
      Resource: 'arn:aws:states:::dynamodb:getItem',
      Parameters: { TableName: 'no-such-table', Key: { ItemId: { S: 'x' } } },
    });
    expect(optimized.error).toBe('DynamoDB.ResourceNotFoundException');
    expect(optimized.cause).toMatch(
      /\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException/,
    );
  });

  it('sqs:sendMessage serialises a JSON body and answers with the SDK metadata', async () => {
    const sent = await runTask(
      'sqs-send',
      {
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Parameters: { QueueUrl: stack.outputs.queueUrl, 'MessageBody.$': '$' },
      },
      { hello: 'queue' },
    );
    const output = JSON.parse(sent.output ?? '{}');
    expect(output.MessageId).toEqual(expect.any(String));
    expect(output.SdkHttpMetadata.HttpStatusCode).toBe(200);
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.outputs.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    expect(Messages.map((m) => m.Body)).toContain('{"hello":"queue"}');
  });

  it('leaves a resource it cannot serve to the engine, which fails the task', async () => {
    const result = await runTask('s3-unsupported', {
      Resource: 'arn:aws:states:::aws-sdk:s3:listBuckets',
      Parameters: {},
    });
    expect(result.status).toBe('FAILED');
  });
});
