import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MotoNotRestartableError, type MotoServer, startMoto } from '../src/index.js';

interface DynamoResponse {
  readonly __type?: string;
  readonly Item?: Record<string, { N?: string; S?: string }>;
  readonly QueueUrl?: string;
  readonly Messages?: ReadonlyArray<{ Body?: string; ReceiptHandle?: string }>;
}

/** One AWS JSON 1.0 call (dummy credentials: moto does not check signatures). */
async function call(
  moto: MotoServer,
  service: 'dynamodb' | 'sqs',
  action: string,
  body: object,
): Promise<DynamoResponse> {
  const response = await fetch(moto.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': service === 'dynamodb' ? `DynamoDB_20120810.${action}` : `AmazonSQS.${action}`,
      Authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as DynamoResponse;
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const stockOf = async (moto: MotoServer, id: string) =>
  (
    await call(moto, 'dynamodb', 'GetItem', {
      TableName: 'stock',
      Key: { Id: { S: id } },
      ConsistentRead: true,
    })
  ).Item?.quantity?.N;

describe('MotoServer.restart', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto({ restartable: true });
    await call(moto, 'dynamodb', 'CreateTable', {
      TableName: 'stock',
      KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  }, 120_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it('is a new process on the same port with the tables, items and queues the old one had', async () => {
    await call(moto, 'dynamodb', 'PutItem', {
      TableName: 'stock',
      Item: { Id: { S: 'a' }, quantity: { N: '5' } },
    });
    // A write that depends on the state before it: replayed in order, it lands on the same value.
    await call(moto, 'dynamodb', 'UpdateItem', {
      TableName: 'stock',
      Key: { Id: { S: 'a' } },
      UpdateExpression: 'SET quantity = quantity - :one',
      ConditionExpression: 'quantity >= :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
    });
    const { QueueUrl } = await call(moto, 'sqs', 'CreateQueue', { QueueName: 'restart-queue' });
    await call(moto, 'sqs', 'SendMessage', { QueueUrl, MessageBody: 'kept' });
    const { port, pid } = moto;

    const restart = await moto.restart();

    expect(moto.port).toBe(port);
    expect(moto.pid).not.toBe(pid);
    expect(restart).toMatchObject({ oldPid: pid, newPid: moto.pid });
    expect(restart.replayed).toBeGreaterThanOrEqual(5); // CreateTable, PutItem, UpdateItem, CreateQueue, SendMessage
    expect(() => process.kill(pid, 0)).toThrow();
    expect(await stockOf(moto, 'a')).toBe('4');
    const { Messages = [] } = await call(moto, 'sqs', 'ReceiveMessage', { QueueUrl, WaitTimeSeconds: 0 });
    expect(Messages.map((m) => m.Body)).toEqual(['kept']);
  }, 120_000);

  it('keeps recording after a restart: a second restart has what the first process and the second wrote', async () => {
    await call(moto, 'dynamodb', 'PutItem', {
      TableName: 'stock',
      Item: { Id: { S: 'b' }, quantity: { N: '7' } },
    });
    await moto.restart();
    expect(await stockOf(moto, 'a')).toBe('4');
    expect(await stockOf(moto, 'b')).toBe('7');
  }, 120_000);
});

describe('MotoServer.restart without restartable', () => {
  it('refuses: nothing was recorded to restore from', async () => {
    const moto = await startMoto();
    try {
      await expect(moto.restart()).rejects.toThrow(MotoNotRestartableError);
    } finally {
      await moto.stop();
    }
  }, 120_000);
});
