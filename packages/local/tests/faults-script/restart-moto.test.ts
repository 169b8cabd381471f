import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { EXAMPLE_ORDERS } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForExecution } from '../../scripts/internal/executions.js';
import { type LocalStack, startLocalStack } from '../../src/index.js';
import { clientsFor } from '../fixtures/local-clients.js';
import { submitOrder } from '../fixtures/submit-order.js';

/** What `pnpm faults` restarts mid-run: the stack's moto, with its tables, topic and queue kept. */
describe('LocalStack.restartMoto', () => {
  let stack: LocalStack;
  let clients: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    stack = await startLocalStack({ quiet: true, restartableMoto: true });
    clients = clientsFor(stack.outputs);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const runOrder = async (orderId: string) => {
    const executionArn = await submitOrder(stack.outputs, EXAMPLE_ORDERS.success, orderId);
    return waitForExecution(clients.sfn, executionArn ?? '', { intervalMs: 100, timeoutMs: 80_000 });
  };
  const stateOf = async (orderId: string) => {
    const { Item } = await clients.dynamodb.send(
      new GetItemCommand({
        TableName: stack.outputs.ordersTableName,
        Key: { OrderId: { S: orderId } },
        ConsistentRead: true,
      }),
    );
    return Item?.State?.S;
  };

  it('keeps the orders recorded before it, and the next order runs through the same tables and topic', async () => {
    const before = `restart-before-${Date.now()}`;
    expect((await runOrder(before)).status).toBe('SUCCEEDED');
    const endpoint = stack.outputs.endpoints.dynamodb;

    const restart = await stack.restartMoto();

    expect(restart.newPid).not.toBe(restart.oldPid);
    expect(stack.outputs.endpoints.dynamodb).toBe(endpoint);
    expect(await stateOf(before)).toBe('PAYMENT_PROCESSED');
    const after = `restart-after-${Date.now()}`;
    expect((await runOrder(after)).status).toBe('SUCCEEDED');
    expect(await stateOf(after)).toBe('PAYMENT_PROCESSED');
  });

  it('is refused on a stack started without restartableMoto', async () => {
    const plain = await startLocalStack({ quiet: true });
    try {
      await expect(plain.restartMoto()).rejects.toThrow(/restartable/);
    } finally {
      await plain.stop();
    }
  });
});
