import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { MotoServer } from '@orders/moto-server';
import {
  EXAMPLE_ORDERS,
  INVENTORY_FIXTURE,
  type OrderInputJson,
  parseOrderInput,
} from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundleInfo, budgetOf, buildBundles, HANDLERS, sizeTable } from '../../scripts/bundles.js';
import { dynamoDbCardVault } from '../../src/adapters/dynamodb-card-vault.js';
import { SimulatedPaymentProvider } from '../../src/domain/simulated-payment-provider.js';
import { tokenizeOrder } from '../../src/domain/tokenize-order.js';
import {
  claimOrder,
  createInventoryTable,
  createOrdersTable,
  createTable,
  startDynamo,
  stockLevel,
} from '../support/inventory.js';
import { startNotificationTopic } from '../support/notification-topic.js';

// Builds the real bundles into a temporary directory (so this test does not depend on `build` having
// run) and exercises them: sizes, source maps, and an invocation against moto.

const outdir = mkdtempSync(join(tmpdir(), 'orders-lambdas-'));
let bundles: BundleInfo[];
let moto: MotoServer;
let dynamodb: DynamoDBClient;
let vaultProvider: SimulatedPaymentProvider;

type Handler = (event: unknown, context?: unknown) => Promise<Record<string, unknown>>;
const load = async (name: string): Promise<Handler> =>
  ((await import(pathToFileURL(join(outdir, name, 'index.mjs')).href)) as { handler: Handler }).handler;

beforeAll(async () => {
  bundles = await buildBundles(outdir);
  ({ moto, dynamodb } = await startDynamo());
  await createInventoryTable(dynamodb, 'InventoryBundleTest', INVENTORY_FIXTURE);
  await createOrdersTable(dynamodb, 'OrdersBundleTest');
  await createTable(dynamodb, 'VaultBundleTest', 'Token');
  vaultProvider = new SimulatedPaymentProvider({
    vault: dynamoDbCardVault(dynamodb, () => 'VaultBundleTest'),
  });
  process.env.AWS_ENDPOINT_URL = moto.endpoint;
  process.env.CARD_VAULT_TABLE_NAME = 'VaultBundleTest';
  process.env.INVENTORY_TABLE_NAME = 'InventoryBundleTest';
  process.env.ORDERS_TABLE_NAME = 'OrdersBundleTest';
}, 120_000);
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL;
  delete process.env.INVENTORY_TABLE_NAME;
  delete process.env.ORDERS_TABLE_NAME;
  delete process.env.CARD_VAULT_TABLE_NAME;
  dynamodb?.destroy();
  await moto?.stop();
  rmSync(outdir, { recursive: true, force: true });
});

describe('Lambda bundles', () => {
  it('writes one minified ESM index.mjs with a source map per handler, each within budget', () => {
    expect(bundles.map((b) => b.handler)).toEqual([...HANDLERS]);
    for (const b of bundles) {
      expect(b.bytes, b.handler).toBeLessThanOrEqual(budgetOf(b.handler));
      expect(existsSync(`${b.file}.map`)).toBe(true);
      const code = readFileSync(b.file, 'utf8');
      expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      // Minified: long lines (template literals keep a few newlines of their own).
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
      // Everything is bundled: no bare imports left except Node built-ins.
      const imports = [...code.matchAll(/\bfrom\s*"([^"]+)"/g)].map((m) => m[1]);
      expect(
        imports.filter((i) => !i?.startsWith('node:') && !i?.startsWith('./')),
        b.handler,
      ).toEqual([]);
    }
    expect(sizeTable(bundles)).toContain('reserve-stock/index.mjs');
  });

  it('bundles the AWS SDK (DynamoDB client) into reserve-stock and release-stock only', () => {
    const code = (name: string) => readFileSync(join(outdir, name, 'index.mjs'), 'utf8');
    expect(code('reserve-stock')).toContain('TransactWriteItems');
    expect(code('release-stock')).toContain('TransactWriteItems');
    expect(code('verify-payment')).not.toContain('TransactWriteItems');
    expect(code('charge-payment')).not.toContain('TransactWriteItems');
  });

  it('reserve-stock and release-stock bundles reserve and give back against moto through the standard SDK env', async () => {
    const reserve = await load('reserve-stock');
    const release = await load('release-stock');
    const items = EXAMPLE_ORDERS.success.orderContents.items;
    await claimOrder(dynamodb, 'OrdersBundleTest', 'b-1');
    await expect(reserve({ orderId: 'b-1', items }, { awsRequestId: 'b-1' })).resolves.toMatchObject({
      alreadyReserved: false,
    });
    expect(await stockLevel(dynamodb, 'InventoryBundleTest', 'item-c9f4x')).toBe(24);
    await expect(reserve({ orderId: 'b-1', items })).resolves.toMatchObject({ alreadyReserved: true });
    await expect(release({ orderId: 'b-1' })).resolves.toMatchObject({ alreadyReleased: false });
    expect(await stockLevel(dynamodb, 'InventoryBundleTest', 'item-c9f4x')).toBe(25);
    await claimOrder(dynamodb, 'OrdersBundleTest', 'b-3');
    await expect(
      reserve({ orderId: 'b-3', items: EXAMPLE_ORDERS.outOfStock.orderContents.items }),
    ).rejects.toMatchObject({
      name: 'OutOfStock',
      message: 'Out of stock: item-z0s7k: 1 ordered, 0 available',
    });
  });

  it('the resend-notifications bundle publishes a kept notification and clears it from the row', async () => {
    const topic = await startNotificationTopic(moto.endpoint, 'bundle-updates');
    process.env.NOTIFICATION_TOPIC_ARN = topic.topicArn;
    try {
      const message = JSON.stringify({ orderId: 'b-4', state: 'PAYMENT_FAILED' });
      await claimOrder(dynamodb, 'OrdersBundleTest', 'b-4', 'PAYMENT_FAILED');
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: 'OrdersBundleTest',
          Key: { OrderId: { S: 'b-4' } },
          UpdateExpression: 'SET PendingNotification = :m',
          ExpressionAttributeValues: { ':m': { S: message } },
        }),
      );
      const resend = await load('resend-notifications');
      await expect(resend({})).resolves.toEqual({ found: 1, sent: 1, failed: 0, superseded: 0 });
      expect(await topic.drain()).toEqual([
        { message, attributes: { state: 'PAYMENT_FAILED', outcome: 'DECLINED' } },
      ]);
    } finally {
      delete process.env.NOTIFICATION_TOPIC_ARN;
      topic.destroy();
    }
  });

  it('verify-payment and charge-payment bundles run', async () => {
    const tokenized = (order: OrderInputJson, orderId: string) =>
      tokenizeOrder(parseOrderInput(order), orderId, vaultProvider);
    const verify = await load('verify-payment');
    await expect(verify(await tokenized(EXAMPLE_ORDERS.original, 'b-0'))).rejects.toMatchObject({
      name: 'PaymentDetailsRejected',
    });
    await expect(verify(await tokenized(EXAMPLE_ORDERS.success, 'b-1'))).resolves.toMatchObject({
      paymentVerified: true,
    });
    const charge = await load('charge-payment');
    await claimOrder(dynamodb, 'OrdersBundleTest', 'b-2');
    const { customerId, orderTotal, payment } = await tokenized(EXAMPLE_ORDERS.paymentDeclined, 'b-2');
    await expect(charge({ orderId: 'b-2', customerId, orderTotal, payment })).rejects.toMatchObject({
      name: 'PaymentError',
    });
  });
});
