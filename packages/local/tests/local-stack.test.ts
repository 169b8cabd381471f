import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { EXAMPLE_ORDERS } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BundlesNotBuiltError,
  DefinitionRejectedError,
  type LocalStack,
  removeStackFile,
  startLocalStack,
  writeStackFile,
} from '../src/index.js';
import { clientsFor } from './fixtures/local-clients.js';
import { submitOrder } from './fixtures/submit-order.js';
import { testModel } from './fixtures/test-model.js';

describe('the local stack from the Pulumi program', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ quiet: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('runs an order end to end: the program definition, the real bundles, the row and the notification', async () => {
    const { sfn, sqs, dynamodb } = clientsFor(stack.outputs);
    const orderId = `local-stack-test-${Date.now()}`;
    const executionArn = await submitOrder(stack.outputs, EXAMPLE_ORDERS.success, orderId);
    let status = 'RUNNING';
    while (status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status ?? '';
    }
    expect(status).toBe('SUCCEEDED');

    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: stack.outputs.ordersTableName, Key: { OrderId: { S: orderId } } }),
    );
    expect(Item?.State?.S).toBe('PAYMENT_PROCESSED');

    const { ReceiveMessageCommand } = await import('@aws-sdk/client-sqs');
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.outputs.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    const messages = Messages.map((m) => JSON.parse(JSON.parse(m.Body ?? '{}').Message ?? '{}'));
    expect(messages).toContainEqual(expect.objectContaining({ orderId, state: 'PAYMENT_PROCESSED' }));
    expect(stack.lambdaLogs(stack.outputs.functionNames.chargePayment).length).toBeGreaterThan(0);
    expect(stack.lambdaLogs().join('\n')).not.toContain('4111 1111 1111 1111');
  });

  it('writes its outputs as stack.json for other processes', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'local-stack-')), 'stack.json');
    await writeStackFile(stack.outputs, path);
    const written = JSON.parse(await readFile(path, 'utf8'));
    expect(written).toMatchObject({
      stateMachineArn: stack.outputs.stateMachineArn,
      queueUrl: stack.outputs.queueUrl,
      endpoints: { stepfunctions: stack.outputs.endpoints.stepfunctions },
      functionNames: stack.outputs.functionNames,
    });
    await removeStackFile(path);
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });
});

describe('errors a person can act on', () => {
  it('names the build command when the bundles are missing', async () => {
    const model = testModel();
    const broken = {
      ...model,
      functions: model.functions.map((fn) => ({ ...fn, bundleDir: '/nowhere/dist/x' })),
    };
    const attempt = startLocalStack({ quiet: true, model: broken });
    await expect(attempt).rejects.toBeInstanceOf(BundlesNotBuiltError);
    await expect(attempt).rejects.toThrow('pnpm --filter @orders/lambdas build');
  });

  it('lists every problem of a definition the engine rejects', async () => {
    const model = testModel({
      definition: { StartAt: 'Nowhere', States: { A: { Type: 'Pass', Next: 'Gone' }, B: { Type: 'Bogus' } } },
    });
    const error = (await startLocalStack({ quiet: true, model }).catch(
      (e: unknown) => e,
    )) as DefinitionRejectedError;
    expect(error).toBeInstanceOf(DefinitionRejectedError);
    expect(error.problems.length).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/Nowhere/);
    expect(error.message).toMatch(/Gone/);
    expect(error.message).toMatch(/Bogus/);
  });

  it('names the install command when moto is missing', async () => {
    const saved = process.env.MOTO_PYTHON;
    process.env.MOTO_PYTHON = '/nonexistent/python3';
    try {
      const attempt = startLocalStack({ quiet: true, model: testModel() });
      await expect(attempt).rejects.toMatchObject({ name: 'MotoNotInstalledError' });
      await expect(attempt).rejects.toThrow("pip install 'moto[server]'");
    } finally {
      if (saved === undefined) delete process.env.MOTO_PYTHON;
      else process.env.MOTO_PYTHON = saved;
    }
  });

  it('picks another port when the one asked for is in use', async () => {
    const first = await startLocalStack({ quiet: true, model: testModel() });
    try {
      const port = Number(new URL(first.outputs.endpoints.stepfunctions).port);
      const second = await startLocalStack({ quiet: true, model: testModel(), port });
      expect(second.portReplaced).toBe(true);
      expect(second.outputs.endpoints.stepfunctions).not.toBe(first.outputs.endpoints.stepfunctions);
      await second.stop();
    } finally {
      await first.stop();
    }
  });
});
