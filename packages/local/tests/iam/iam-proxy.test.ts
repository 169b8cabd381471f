import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IamAuthorizer } from '../../src/iam/iam-authorizer.js';
import { type IamProxy, startIamProxy } from '../../src/iam/iam-proxy.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/reserve-role`;
const ORDERS = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:notices`;

/** Stands in for moto: answers every call with an empty success and remembers what reached it. */
let upstream: Server;
const reached: Array<{ target: string | undefined; headers: IncomingHttpHeaders; body: string }> = [];
let proxy: IamProxy;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      reached.push({
        target: req.headers['x-amz-target'] as string | undefined,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const authorizer = new IamAuthorizer(
    {
      roles: [
        {
          name: 'reserve-role',
          arn: ROLE,
          policies: [
            {
              name: 'p',
              document: {
                Statement: [
                  { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Resource: ORDERS },
                ],
              },
            },
          ],
        },
      ],
      resourcePolicies: [],
    },
    { region: 'us-east-1', accountId: ACCOUNT },
  );
  proxy = await startIamProxy({
    target: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    authorizer,
    accountId: ACCOUNT,
    callers: new Map([['reserve-stock', { roleArn: ROLE, sessionName: 'reserve-stock' }]]),
  });
});

afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => upstream.close(resolve));
});

const config = (accessKeyId = 'reserve-stock') => ({
  endpoint: proxy.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId, secretAccessKey: 'local' },
  maxAttempts: 1,
});
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the call was allowed');
    },
    (error: Error & { $metadata?: { httpStatusCode?: number } }) => error,
  );

describe('the IAM proxy in front of moto, through the AWS SDK v3', () => {
  it('passes an allowed call through unchanged and hands back moto’s answer', async () => {
    const client = new DynamoDBClient(config());
    const before = reached.length;
    await client.send(new GetItemCommand({ TableName: 'orders', Key: { OrderId: { S: 'o-1' } } }));
    expect(reached.slice(before)).toHaveLength(1);
    expect(reached.at(-1)?.target).toBe('DynamoDB_20120810.GetItem');
    expect(JSON.parse(reached.at(-1)?.body ?? '{}').Key).toEqual({ OrderId: { S: 'o-1' } });
    client.destroy();
  });

  it('refuses a DynamoDB call with the 400 AccessDeniedException the SDK names, and moto never sees it', async () => {
    const client = new DynamoDBClient(config());
    const before = reached.length;
    const error = await failure(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: 'orders',
                Key: { OrderId: { S: 'o' } },
                UpdateExpression: 'SET a = :a',
                ExpressionAttributeValues: { ':a': { S: '1' } },
              },
            },
            {
              Update: {
                TableName: 'inventory',
                Key: { ItemId: { S: 'i' } },
                UpdateExpression: 'SET a = :a',
                ExpressionAttributeValues: { ':a': { S: '1' } },
              },
            },
          ],
        }),
      ),
    );
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/reserve-role/reserve-stock is not authorized to perform: dynamodb:UpdateItem ` +
        `on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/inventory because no identity-based policy allows the dynamodb:UpdateItem action`,
    );
    expect(reached.length).toBe(before);
    client.destroy();
  });

  it('refuses an SNS publish with the 403 AuthorizationError the SDK parses as AuthorizationErrorException', async () => {
    const client = new SNSClient(config());
    const error = await failure(client.send(new PublishCommand({ TopicArn: TOPIC, Message: 'hi' })));
    expect(error.name).toBe('AuthorizationErrorException');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(error.message).toContain(`is not authorized to perform: SNS:Publish on resource: ${TOPIC}`);
    client.destroy();
  });

  it('refuses an SQS send with the 403 the SDK names from the query-error header', async () => {
    const client = new SQSClient(config());
    const error = await failure(
      client.send(new SendMessageCommand({ QueueUrl: `http://127.0.0.1/${ACCOUNT}/q`, MessageBody: 'x' })),
    );
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(error.name).toMatch(/AccessDenied/);
    expect(error.message).toContain(`sqs:SendMessage on resource: arn:aws:sqs:us-east-1:${ACCOUNT}:q`);
    client.destroy();
  });

  it('refuses a key that is no function’s', async () => {
    const client = new DynamoDBClient(config('someone-else'));
    const error = await failure(
      client.send(new GetItemCommand({ TableName: 'orders', Key: { OrderId: { S: 'o' } } })),
    );
    expect(error.message).toMatch(
      /security token included in the request is invalid: access key someone-else/,
    );
    client.destroy();
  });

  it('answers a call it cannot hand to moto (down, restarting) with the service’s own internal error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    // A caller whose role allows everything: the proxy lets the call through, to the closed port.
    const open = await startIamProxy({
      target: `http://127.0.0.1:${port}`,
      authorizer: new IamAuthorizer(
        {
          roles: [
            {
              name: 'any',
              arn: ROLE,
              policies: [
                { name: 'p', document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
              ],
            },
          ],
          resourcePolicies: [],
        },
        { region: 'us-east-1', accountId: ACCOUNT },
      ),
      accountId: ACCOUNT,
      callers: new Map([['nobody', { roleArn: ROLE, sessionName: 'nobody' }]]),
    });
    const dynamodb = new DynamoDBClient({ ...config('nobody'), endpoint: open.endpoint });
    const sns = new SNSClient({ ...config('nobody'), endpoint: open.endpoint });
    const dynamoError = await failure(
      dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { OrderId: { S: 'o-1' } } })),
    );
    expect(dynamoError.name).toBe('InternalServerError');
    expect(dynamoError.$metadata?.httpStatusCode).toBe(500);
    expect(dynamoError.message).toMatch(/could not reach moto/);
    const snsError = await failure(sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'm' })));
    expect(snsError.name).toBe('InternalErrorException');
    dynamodb.destroy();
    sns.destroy();
    await open.close();
  });
});
