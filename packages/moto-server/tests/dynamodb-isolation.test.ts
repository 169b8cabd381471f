import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MotoServer, startMoto } from '../src/index.js';

/** The few response fields the tests read. */
interface DynamoResponse {
  readonly __type?: string;
  readonly Item?: Record<string, { N?: string; S?: string }>;
}

/** One DynamoDB JSON 1.0 call (dummy credentials: moto does not check signatures). */
async function dynamodb(
  moto: MotoServer,
  action: string,
  body: object,
): Promise<{ status: number; json: DynamoResponse }> {
  const response = await fetch(moto.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${action}`,
      Authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as DynamoResponse };
}

const take = (itemId: string, orderId: string) => ({
  TransactItems: [
    {
      Put: {
        TableName: 'orders',
        Item: { Id: { S: orderId } },
        ConditionExpression: 'attribute_not_exists(Id)',
      },
    },
    {
      Update: {
        TableName: 'stock',
        Key: { Id: { S: itemId } },
        UpdateExpression: 'SET quantity = quantity - :one',
        ConditionExpression: 'quantity >= :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
    },
  ],
});

async function quantity(moto: MotoServer, itemId: string): Promise<number> {
  const { json } = await dynamodb(moto, 'GetItem', {
    TableName: 'stock',
    Key: { Id: { S: itemId } },
    ConsistentRead: true,
  });
  return Number(json.Item?.quantity?.N);
}

describe('DynamoDB on the launched moto behaves like DynamoDB under concurrency', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
    for (const table of ['orders', 'stock']) {
      await dynamodb(moto, 'CreateTable', {
        TableName: table,
        KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      });
    }
  }, 60_000);
  afterAll(() => moto?.stop());

  it('lets exactly as many conditional transactions through as the stock allows', async () => {
    await dynamodb(moto, 'PutItem', {
      TableName: 'stock',
      Item: { Id: { S: 'race' }, quantity: { N: '5' } },
    });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => dynamodb(moto, 'TransactWriteItems', take('race', `race-${i}`))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(await quantity(moto, 'race')).toBe(0);
  }, 60_000);

  it('rolls a cancelled transaction back: the write before the failed condition is undone', async () => {
    await dynamodb(moto, 'PutItem', {
      TableName: 'stock',
      Item: { Id: { S: 'none' }, quantity: { N: '0' } },
    });
    const { status, json } = await dynamodb(moto, 'TransactWriteItems', take('none', 'rolled-back'));
    expect(status).toBe(400);
    expect(json.__type).toContain('TransactionCanceledException');
    const order = await dynamodb(moto, 'GetItem', { TableName: 'orders', Key: { Id: { S: 'rolled-back' } } });
    expect(order.json.Item).toBeUndefined();
    expect(await quantity(moto, 'none')).toBe(0);
  }, 30_000);

  it('restores an updated item, not only removes a new one', async () => {
    await dynamodb(moto, 'PutItem', { TableName: 'stock', Item: { Id: { S: 'a' }, quantity: { N: '3' } } });
    await dynamodb(moto, 'PutItem', { TableName: 'stock', Item: { Id: { S: 'b' }, quantity: { N: '0' } } });
    const update = (id: string) => ({
      Update: {
        TableName: 'stock',
        Key: { Id: { S: id } },
        UpdateExpression: 'SET quantity = quantity - :one',
        ConditionExpression: 'quantity >= :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
    });
    const { status } = await dynamodb(moto, 'TransactWriteItems', {
      TransactItems: [update('a'), update('b')],
    });
    expect(status).toBe(400);
    expect(await quantity(moto, 'a')).toBe(3);
  }, 30_000);
});
