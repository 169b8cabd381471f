import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { MotoServer } from '@orders/moto-server';
import { EXAMPLE_ORDERS, type TokenizedOrder } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbCardVault } from '../../src/adapters/dynamodb-card-vault.js';
import { dynamoDbIdempotencyStore } from '../../src/adapters/dynamodb-idempotency-store.js';
import { dynamoDbOrderReader } from '../../src/adapters/dynamodb-order-reader.js';
import { SimulatedPaymentProvider } from '../../src/domain/simulated-payment-provider.js';
import { CLAIM_LEASE_MS } from '../../src/intake/idempotency.js';
import { routeIntake } from '../../src/intake/intake-router.js';
import { createTable, startDynamo } from '../support/inventory.js';

let moto: MotoServer;
let dynamodb: DynamoDBClient;

/** A new table with a string hash key, as the adapters take it (a getter of its name). */
async function table(name: string, key: string): Promise<() => string> {
  await createTable(dynamodb, name, key);
  return () => name;
}

beforeAll(async () => {
  ({ moto, dynamodb } = await startDynamo());
});
afterAll(async () => {
  dynamodb?.destroy();
  await moto?.stop();
});

describe('the intake stores on DynamoDB (moto)', () => {
  it('claims a key once among concurrent requests; mismatch, completion and release as the draft says', async () => {
    const store = dynamoDbIdempotencyStore(dynamodb, await table('idempotency-1', 'IdempotencyKey'));
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim('k', 'fp', 1_000)));
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in-flight')).toHaveLength(19);
    expect(await store.claim('k', 'other', 1_000)).toEqual({ kind: 'mismatch' });
    // A claim whose request gave out may be taken over by the same body once its lease is over.
    expect(await store.claim('k', 'fp', 1_000 + CLAIM_LEASE_MS)).toEqual({ kind: 'claimed' });
    const response = { statusCode: 202, headers: { location: '/orders/o' }, body: '{"orderId":"o"}' };
    await store.complete('k', 'fp', response);
    expect(await store.claim('k', 'fp', 1_000 + 10 * CLAIM_LEASE_MS)).toEqual({
      kind: 'completed',
      response,
    });

    await store.claim('gone', 'fp', 0);
    await store.release('gone', 'fp');
    expect(await store.claim('gone', 'fp', 0)).toEqual({ kind: 'claimed' });
  });

  it('keeps a tokenized card in the vault and reads it back by its token', async () => {
    const vault = dynamoDbCardVault(dynamodb, await table('vault-1', 'Token'));
    const provider = new SimulatedPaymentProvider({ vault });
    const token = await provider.tokenize({
      holderName: 'John Doe',
      cardType: 'VISA',
      number: '4111 1111 1111 1111',
      expiration: '12/30',
    });
    expect(token).toEqual({
      token: expect.stringMatching(/^tok_[a-z]{24}$/),
      cardType: 'VISA',
      cardLast4: '1111',
    });
    expect(await vault.get(token.token)).toEqual({
      ...token,
      holderName: 'John Doe',
      number: '4111111111111111',
      expiration: '12/30',
    });
    expect(await vault.get('tok_nothingnothingnothingno')).toBeUndefined();
  });

  it('50 concurrent POST /orders with one Idempotency-Key: one execution, identical answers', async () => {
    const idempotency = dynamoDbIdempotencyStore(dynamodb, await table('idempotency-2', 'IdempotencyKey'));
    const vault = dynamoDbCardVault(dynamodb, await table('vault-2', 'Token'));
    const ordersTable = await table('orders-2', 'OrderId');
    const started: TokenizedOrder[] = [];
    const deps = {
      tokenizer: new SimulatedPaymentProvider({ vault }),
      workflow: {
        async start(order: TokenizedOrder) {
          started.push(order);
          await new Promise((resolve) => setTimeout(resolve, 100));
          return 'started' as const;
        },
        running: async () => false,
      },
      orders: dynamoDbOrderReader(dynamodb, ordersTable),
      idempotency,
    };
    const request = {
      method: 'POST',
      path: '/orders',
      headers: { 'idempotency-key': 'same-key', 'content-type': 'application/json' },
      body: JSON.stringify(EXAMPLE_ORDERS.success),
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => routeIntake(request, deps)));
    expect(started).toHaveLength(1);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.statusCode).toBe(202);
  });

  it('reads an order row as the intake answers it (the card only as type and last four)', async () => {
    const ordersTable = await table('orders-3', 'OrderId');
    await dynamodb.send(
      new PutItemCommand({
        TableName: ordersTable(),
        Item: {
          OrderId: { S: 'o-1' },
          State: { S: 'PAYMENT_PROCESSED' },
          CustomerId: { S: 'c-1' },
          OrderTotal: { N: '2250' },
          Items: { S: JSON.stringify(EXAMPLE_ORDERS.success.orderContents.items) },
          CreatedAt: { S: '2026-12-03T00:00:00.000Z' },
          ChargeId: { S: 'ch_abc' },
          CardType: { S: 'VISA' },
          CardLast4: { S: '1111' },
        },
      }),
    );
    const row = await dynamoDbOrderReader(dynamodb, ordersTable).get('o-1');
    expect(row).toMatchObject({
      OrderId: 'o-1',
      State: 'PAYMENT_PROCESSED',
      OrderTotal: 2250,
      CardLast4: '1111',
    });
    expect(await dynamoDbOrderReader(dynamodb, ordersTable).get('o-2')).toBeUndefined();
  });
});
