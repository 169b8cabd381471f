import { readFile } from 'node:fs/promises';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import {
  EXAMPLE_ORDERS,
  executionArnOf,
  type IntakeError,
  intakeClient,
  type OrderAccepted,
  TEST_CARDS,
} from '@orders/shared-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../src/index.js';
import { clientsFor } from './fixtures/local-clients.js';

/** The intake API served by the local stack: the program's routes, the intake bundle, the real workflow. */
describe('the intake API on the local stack', () => {
  let stack: LocalStack;
  let baseUrl: string;
  beforeAll(async () => {
    stack = await startLocalStack({ quiet: true });
    baseUrl = String(stack.outputs.intakeApiUrl);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const executionOf = (orderId: string) => executionArnOf(stack.outputs.stateMachineArn, orderId);
  /** The status the order's execution ends in (the test's timeout bounds the wait). */
  const finalStatus = async (orderId: string) => {
    const { sfn } = clientsFor(stack.outputs);
    for (;;) {
      const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: executionOf(orderId) }));
      if (status !== 'RUNNING') return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('is served on the local server, named by the stack output intakeApiUrl', () => {
    expect(stack.outputs.intakeApiUrl).toBe(stack.outputs.endpoints.stepfunctions);
  });

  it('accepts an order with 202 and its Location, and starts an execution named by the order id with the card as a token', async () => {
    const answer = await intakeClient(baseUrl).submit(EXAMPLE_ORDERS.success);

    expect(answer.status).toBe(202);
    const accepted = answer.body as OrderAccepted;
    expect(accepted.orderId).toMatch(/^ord_[a-z]+$/);
    expect(answer.location).toBe(`/orders/${accepted.orderId}`);
    expect(accepted).toMatchObject({ location: answer.location });
    const { sfn } = clientsFor(stack.outputs);
    const execution = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executionOf(accepted.orderId) }),
    );
    expect(execution.name).toBe(accepted.orderId);
    const input = JSON.parse(execution.input ?? '{}');
    expect(input).toMatchObject({
      orderId: accepted.orderId,
      customerId: EXAMPLE_ORDERS.success.customerId,
      orderTotal: EXAMPLE_ORDERS.success.orderTotal,
      payment: { cardType: 'VISA', cardLast4: '1111', token: expect.stringMatching(/^tok_[a-z]{24}$/) },
    });
    expect(input).not.toHaveProperty('paymentDetails');
    expect(execution.input).not.toMatch(/4111[ -]?1111|12\/34|expiration/);
  });

  it('gives the same Idempotency-Key the identical answer, and starts one execution', async () => {
    const client = intakeClient(baseUrl);
    const key = `intake-api-test-${Date.now()}`;
    const first = await client.submit(EXAMPLE_ORDERS.successWithQuantities, { idempotencyKey: key });
    const second = await client.submit(EXAMPLE_ORDERS.successWithQuantities, { idempotencyKey: key });

    expect(first.status).toBe(202);
    expect(second).toEqual(first);
    const { sfn } = clientsFor(stack.outputs);
    const { orderId } = first.body as OrderAccepted;
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: executionOf(orderId) }));
    expect(execution.name).toBe(orderId);
  });

  it('answers a bad body 400, naming the field', async () => {
    const { customerId: _, ...withoutCustomer } = EXAMPLE_ORDERS.success;
    const answer = await intakeClient(baseUrl).submit(withoutCustomer);

    expect(answer.status).toBe(400);
    const body = answer.body as IntakeError;
    expect(body.error).toBe('InvalidOrder');
    expect(body.issues?.map((issue) => issue.path)).toContain('customerId');
    expect(answer.text).not.toContain('4111');
  });

  it('answers GET /orders/{id} with the row once the workflow has claimed the order, and 404 for an unknown id', async () => {
    const client = intakeClient(baseUrl);
    const { orderId } = (await client.submit(EXAMPLE_ORDERS.paymentDeclined)).body as OrderAccepted;
    // Followed at once, the Location answers: SUBMITTED until the claim (a DescribeExecution the intake's
    // role may make, IAM enforced), then the row. Never a 404.
    const early = await client.status(orderId);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({
      orderId,
      state: expect.stringMatching(/^(SUBMITTED|RECEIVED|PAYMENT_FAILED)$/),
    });
    // A declined card ends the execution SUCCEEDED with the order PAYMENT_FAILED (the workflow catches it).
    expect(await finalStatus(orderId)).toBe('SUCCEEDED');
    const status = await client.status(orderId);

    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      orderId,
      state: 'PAYMENT_FAILED',
      customerId: EXAMPLE_ORDERS.paymentDeclined.customerId,
      orderTotal: EXAMPLE_ORDERS.paymentDeclined.orderTotal,
    });
    expect(status.text).not.toMatch(/4000[ -]?0000|12\/34/);
    const unknown = await client.status('ord_nosuchorderatall');
    expect(unknown.status).toBe(404);
    expect((unknown.body as IntakeError).message).toContain('ord_nosuchorderatall');
  });

  it('answers SUBMITTED while the execution runs and has not claimed the order, then the row', async () => {
    // Claim Order hangs until its Task timeout (10 s), then is retried: a window with no row, deterministically.
    stack.faults.inject({ state: 'Claim Order' }, { count: 1, timeout: true });
    const client = intakeClient(baseUrl);
    const { orderId } = (await client.submit(EXAMPLE_ORDERS.success)).body as OrderAccepted;
    const early = await client.status(orderId);
    expect(early.status).toBe(200);
    expect(early.body).toEqual({ orderId, state: 'SUBMITTED' });
    expect(await finalStatus(orderId)).toBe('SUCCEEDED');
    expect((await client.status(orderId)).body).toMatchObject({ orderId, state: 'PAYMENT_PROCESSED' });
  }, 60_000);

  it('takes an order through the workflow to PAYMENT_PROCESSED; GET shows the card as type and last four only', async () => {
    const client = intakeClient(baseUrl);
    const { orderId } = (await client.submit(EXAMPLE_ORDERS.success)).body as OrderAccepted;
    expect(await finalStatus(orderId)).toBe('SUCCEEDED');
    const status = await client.status(orderId);

    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      orderId,
      state: 'PAYMENT_PROCESSED',
      card: { type: 'VISA', last4: '1111' },
      chargeId: expect.any(String),
    });
    expect(status.text).not.toMatch(/4111[ -]?1111|12\/34|tok_/);
  });

  it('accepts the example order the READMEs and `pnpm dev` post (examples/order.json), whose card is approved', async () => {
    const order = JSON.parse(await readFile(new URL('../examples/order.json', import.meta.url), 'utf8'));
    const card = TEST_CARDS.find((c) => c.cardNumber === order.paymentDetails.cardNumber);
    expect(card?.outcome).toBe('approve');

    const answer = await intakeClient(baseUrl).submit(order, { idempotencyKey: 'demo-1' });
    expect(answer.status).toBe(202);
  });

  it('answers a request no route matches as API Gateway does: 404 {"message":"Not Found"}', async () => {
    for (const [method, path] of [
      ['GET', '/orders'],
      ['DELETE', '/orders/ord_abc'],
      ['GET', '/orders/ord_abc/items'],
      ['GET', '/nothing-here'],
    ] as const) {
      const response = await fetch(`${baseUrl}${path}`, { method });
      expect({ method, path, status: response.status, body: await response.json() }).toEqual({
        method,
        path,
        status: 404,
        body: { message: 'Not Found' },
      });
      expect(response.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    }
  });

  it('answers a function error, or an invoke the Lambda service refuses, as API Gateway does: 500 {"message":"Internal Server Error"}', async () => {
    const intake = 'orders-local-intake-api';
    stack.faults.inject(intake, { count: 1, error: 'Error', cause: 'the function threw' });
    stack.faults.inject(intake, { count: 1, error: 'Lambda.ServiceException' });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await fetch(`${baseUrl}/orders/ord_whatever`));

    expect(await Promise.all(answers.map(async (r) => [r.status, await r.json()]))).toEqual([
      [500, { message: 'Internal Server Error' }],
      [500, { message: 'Internal Server Error' }],
      [404, expect.objectContaining({ error: 'OrderNotFound' })],
    ]);
  });

  it('runs the intake as a function of the stack: its log lines, no card data in them', async () => {
    await intakeClient(baseUrl).submit(EXAMPLE_ORDERS.success);
    const logs = stack.lambdaLogs('orders-local-intake-api');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toMatch(/4111[ -]?1111|12\/34/);
  });
});
