import { fileURLToPath } from 'node:url';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { EXAMPLE_ORDERS } from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from '../../src/console/console-service.js';
import { ConsoleNotBuiltError, type LocalStack, startLocalStack } from '../../src/index.js';
import { clientsFor } from '../fixtures/local-clients.js';
import { submitOrder } from '../fixtures/submit-order.js';

const distDir = fileURLToPath(new URL('../fixtures/console-dist/', import.meta.url));

describe('the console page served by the local stack', () => {
  let stack: LocalStack;
  let base: string;
  const api = (service: string, target: string, body: object) =>
    fetch(`${base}/console/api/${service}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    stack = await startLocalStack({ quiet: true, console: { distDir } });
    base = stack.outputs.endpoints.stepfunctions;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the built page at /console/ (the URL in the outputs), its assets, and redirects / to it', async () => {
    expect(stack.outputs.consoleUrl).toBe(`${base}/console/`);
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const page = await fetch(stack.outputs.consoleUrl ?? '');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('console fixture');
    const asset = await fetch(`${base}/console/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/console/..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/console/nothing.js`)).status).toBe(404);
  });

  it('leaves the Step Functions API and the control routes where they were', async () => {
    const { sfn } = clientsFor(stack.outputs);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: stack.outputs.stateMachineArn, input: '{}' }),
    );
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).executionArn).toBe(executionArn);
    expect(await (await fetch(`${stack.outputs.controlUrl}/faults`)).json()).toEqual({});
  });

  it('forwards reads to Step Functions and DynamoDB, lays out the definition, and refuses anything that changes the stack', async () => {
    const described = await api('stepfunctions', 'AWSStepFunctions.DescribeStateMachine', {
      stateMachineArn: stack.outputs.stateMachineArn,
    });
    expect(described.status).toBe(200);
    expect(((await described.json()) as { definition: string }).definition).toBe(
      stack.model.stateMachine.definition,
    );
    const graph = await fetch(
      `${base}/console/api/workflow-graph?stateMachineArn=${encodeURIComponent(stack.outputs.stateMachineArn)}`,
    );
    const { svg, nodeIds } = (await graph.json()) as { svg: string; nodeIds: Record<string, string> };
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain(`<title>${nodeIds['Charge Payment']}</title>`);
    const noMachine = await fetch(`${base}/console/api/workflow-graph?stateMachineArn=arn:aws:states:x`);
    expect(noMachine.status).toBe(400);
    const scan = await api('dynamodb', 'DynamoDB_20120810.Scan', {
      TableName: stack.outputs.inventoryTableName,
    });
    expect(((await scan.json()) as { Count: number }).Count).toBeGreaterThan(0);

    for (const [service, target] of [
      ['stepfunctions', 'AWSStepFunctions.DeleteStateMachine'],
      ['stepfunctions', 'AWSStepFunctions.CreateStateMachine'],
      ['dynamodb', 'DynamoDB_20120810.DeleteTable'],
      ['dynamodb', 'DynamoDB_20120810.PutItem'],
    ] as const) {
      const refused = await api(service, target, { TableName: stack.outputs.ordersTableName });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { __type: string }).__type).toBe('AccessDeniedException');
    }
    const missing = await api('stepfunctions', 'AWSStepFunctions.DescribeExecution', {
      executionArn: `${stack.outputs.stateMachineArn.replace(':stateMachine:', ':execution:')}:nope`,
    });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ExecutionDoesNotExist');
  });

  it('answers without card data, and buffers the notifications while the inspection queue still gets them', async () => {
    const orderId = `console-service-test-${Date.now()}`;
    const executionArn = await submitOrder(stack.outputs, EXAMPLE_ORDERS.success, orderId);
    let status = 'RUNNING';
    while (status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const d = await api('stepfunctions', 'AWSStepFunctions.DescribeExecution', { executionArn });
      const body = (await d.json()) as { status: string; input: string };
      status = body.status;
      expect(body.input).not.toContain('4111');
    }
    expect(status).toBe('SUCCEEDED');
    const history = await (
      await api('stepfunctions', 'AWSStepFunctions.GetExecutionHistory', { executionArn, maxResults: 1000 })
    ).text();
    expect(history).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
    expect(history).not.toContain('12/34');
    // Submitted through the intake API: the history holds the card's token, never the card.
    expect(history).toMatch(/tok_[a-z]{24}/);
    expect(history).toContain(executionArn);

    const deadline = Date.now() + 15_000;
    let buffered: Array<{ seq: number; attributes: Record<string, string>; message: { orderId?: string } }> =
      [];
    while (Date.now() < deadline && !buffered.some((n) => n.message.orderId === orderId)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      buffered = (
        (await (await fetch(`${base}/console/api/notifications?since=0`)).json()) as {
          notifications: typeof buffered;
        }
      ).notifications;
    }
    const mine = buffered.find((n) => n.message.orderId === orderId);
    expect(mine?.attributes).toMatchObject({ state: 'PAYMENT_PROCESSED' });
    const after = (await (await fetch(`${base}/console/api/notifications?since=${mine?.seq}`)).json()) as {
      notifications: unknown[];
      last: number;
    };
    expect(after.last).toBeGreaterThanOrEqual(mine?.seq ?? 0);
    expect(after.notifications.every((n) => (n as { seq: number }).seq > (mine?.seq ?? 0))).toBe(true);
    // the page's first read asks for the newest few only
    const newest = (await (await fetch(`${base}/console/api/notifications?since=0&limit=1`)).json()) as {
      notifications: Array<{ seq: number }>;
      last: number;
    };
    expect(newest.notifications.map((n) => n.seq)).toEqual([newest.last]);

    const { sqs } = clientsFor(stack.outputs);
    const bodies: string[] = [];
    while (Date.now() < deadline && !bodies.some((b) => b.includes(orderId))) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack.outputs.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
        }),
      );
      bodies.push(...Messages.map((m) => m.Body ?? ''));
    }
    expect(bodies.some((b) => b.includes(orderId))).toBe(true);
  });

  it('fails to start, naming the build command, when the page is not built', async () => {
    await expect(
      startConsole({
        distDir: '/nonexistent/console/dist',
        region: 'us-east-1',
        endpoints: () => ({ stepfunctions: '', dynamodb: '' }),
        clients: {} as never,
        topicArn: '',
        queueName: '',
      }),
    ).rejects.toThrow(ConsoleNotBuiltError);
    await expect(
      startConsole({
        distDir: '/nonexistent/console/dist',
        region: 'us-east-1',
        endpoints: () => ({ stepfunctions: '', dynamodb: '' }),
        clients: {} as never,
        topicArn: '',
        queueName: '',
      }),
    ).rejects.toThrow(/pnpm --filter @orders\/console build/);
  });
});
