import { describe, expect, it } from 'vitest';
import { functionArn, requiredPermissions } from '../../src/iam/required-permissions.js';
import { taskPermissions } from '../../src/iam/task-permissions.js';

const scope = { region: 'us-east-1', accountId: '123456789012' };
const table = (name: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${name}`;

describe('requiredPermissions', () => {
  it('DynamoDB item calls need their action on the table; an index query needs the index ARN', () => {
    expect(requiredPermissions('dynamodb', 'UpdateItem', { TableName: 'orders' }, scope)).toEqual([
      { action: 'dynamodb:UpdateItem', resource: table('orders') },
    ]);
    expect(
      requiredPermissions('dynamodb', 'Query', { TableName: 'orders', IndexName: 'ByState' }, scope),
    ).toEqual([{ action: 'dynamodb:Query', resource: `${table('orders')}/index/ByState` }]);
    expect(requiredPermissions('dynamodb', 'GetItem', { TableName: table('x') }, scope)[0]?.resource).toBe(
      table('x'),
    );
    expect(requiredPermissions('dynamodb', 'ListTables', {}, scope)).toEqual([
      { action: 'dynamodb:ListTables', resource: '*' },
    ]);
  });

  it('a transaction needs each item action on its table, once each (no dynamodb:TransactWriteItems)', () => {
    const input = {
      TransactItems: [
        { Update: { TableName: 'orders' } },
        { Update: { TableName: 'inventory' } },
        { Update: { TableName: 'inventory' } },
        { ConditionCheck: { TableName: 'orders' } },
        { Put: { TableName: 'audit' } },
        { Delete: { TableName: 'audit' } },
      ],
    };
    expect(requiredPermissions('dynamodb', 'TransactWriteItems', input, scope)).toEqual([
      { action: 'dynamodb:UpdateItem', resource: table('orders') },
      { action: 'dynamodb:UpdateItem', resource: table('inventory') },
      { action: 'dynamodb:ConditionCheckItem', resource: table('orders') },
      { action: 'dynamodb:PutItem', resource: table('audit') },
      { action: 'dynamodb:DeleteItem', resource: table('audit') },
    ]);
    expect(
      requiredPermissions(
        'dynamodb',
        'TransactGetItems',
        { TransactItems: [{ Get: { TableName: 'a' } }] },
        scope,
      ),
    ).toEqual([{ action: 'dynamodb:GetItem', resource: table('a') }]);
  });

  it('batch calls need the batch action on every table', () => {
    expect(
      requiredPermissions('dynamodb', 'BatchWriteItem', { RequestItems: { a: [], b: [] } }, scope),
    ).toEqual([
      { action: 'dynamodb:BatchWriteItem', resource: table('a') },
      { action: 'dynamodb:BatchWriteItem', resource: table('b') },
    ]);
  });

  it('SNS and SQS: the topic, the queue (from its URL), the batch forms as their single action', () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:t';
    expect(requiredPermissions('sns', 'Publish', { TopicArn: topic }, scope)).toEqual([
      { action: 'sns:Publish', resource: topic },
    ]);
    expect(requiredPermissions('sns', 'PublishBatch', { TopicArn: topic }, scope)[0]?.action).toBe(
      'sns:Publish',
    );
    expect(
      requiredPermissions('sns', 'Unsubscribe', { SubscriptionArn: `${topic}:5f1c` }, scope)[0]?.resource,
    ).toBe(topic);
    expect(
      requiredPermissions(
        'sqs',
        'SendMessageBatch',
        { QueueUrl: 'http://127.0.0.1:5000/123456789012/q' },
        scope,
      ),
    ).toEqual([{ action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:123456789012:q' }]);
  });

  it('Lambda: a name, a partial ARN or a full one; a qualifier makes the ARN qualified', () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:charge';
    expect(functionArn('charge', undefined, scope)).toBe(arn);
    expect(functionArn('123456789012:function:charge', undefined, scope)).toBe(arn);
    expect(functionArn(arn, undefined, scope)).toBe(arn);
    expect(functionArn(`${arn}:live`, undefined, scope)).toBe(`${arn}:live`);
    expect(functionArn('charge', '$LATEST', scope)).toBe(`${arn}:$LATEST`);
    expect(requiredPermissions('lambda', 'Invoke', { FunctionName: 'charge' }, scope)).toEqual([
      { action: 'lambda:InvokeFunction', resource: arn },
    ]);
  });

  it('Step Functions: the operation on the state machine or execution it names, * for a listing', () => {
    const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:orders';
    const execution = 'arn:aws:states:us-east-1:123456789012:execution:orders:o-1';
    expect(
      requiredPermissions('states', 'StartExecution', { stateMachineArn: machine, name: 'o-1' }, scope),
    ).toEqual([{ action: 'states:StartExecution', resource: machine }]);
    expect(requiredPermissions('states', 'DescribeExecution', { executionArn: execution }, scope)).toEqual([
      { action: 'states:DescribeExecution', resource: execution },
    ]);
    expect(requiredPermissions('states', 'ListStateMachines', {}, scope)).toEqual([
      { action: 'states:ListStateMachines', resource: '*' },
    ]);
  });
});

describe('taskPermissions (what a Task of the definition needs from the state machine role)', () => {
  it('lambda:invoke and a bare function ARN need lambda:InvokeFunction on the function', () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:charge';
    expect(
      taskPermissions('arn:aws:states:::lambda:invoke', { FunctionName: arn, Payload: {} }, scope),
    ).toEqual([{ action: 'lambda:InvokeFunction', resource: arn }]);
    expect(taskPermissions(arn, { any: 1 }, scope)).toEqual([
      { action: 'lambda:InvokeFunction', resource: arn },
    ]);
  });

  it('optimized and aws-sdk integrations need the API action on what the parameters name', () => {
    expect(taskPermissions('arn:aws:states:::dynamodb:putItem', { TableName: 'orders' }, scope)).toEqual([
      { action: 'dynamodb:PutItem', resource: table('orders') },
    ]);
    expect(
      taskPermissions('arn:aws:states:::aws-sdk:dynamodb:getItem', { TableName: 'orders' }, scope),
    ).toEqual([{ action: 'dynamodb:GetItem', resource: table('orders') }]);
    expect(
      taskPermissions(
        'arn:aws:states:::sns:publish',
        { TopicArn: 'arn:aws:sns:us-east-1:123456789012:t' },
        scope,
      ),
    ).toEqual([{ action: 'sns:Publish', resource: 'arn:aws:sns:us-east-1:123456789012:t' }]);
    expect(taskPermissions('arn:aws:states:::not-a-service', {}, scope)).toEqual([]);
  });
});
