import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../src/index.js';
import { clientsFor } from './fixtures/local-clients.js';
import { testModel } from './fixtures/test-model.js';

let stack: LocalStack;
let clients: ReturnType<typeof clientsFor>;
let invokeArn: string;

/** A one-state machine that invokes `FunctionName` with the execution input. */
const INVOKE = (functionName: string, retry = false) => ({
  StartAt: 'Invoke',
  States: {
    Invoke: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: functionName, 'Payload.$': '$' },
      ...(retry
        ? {
            Retry: [
              {
                ErrorEquals: ['Lambda.ServiceException'],
                IntervalSeconds: 1,
                MaxAttempts: 2,
                BackoffRate: 1,
              },
            ],
          }
        : {}),
      End: true,
    },
  },
});

beforeAll(async () => {
  stack = await startLocalStack({ quiet: true, model: testModel() });
  clients = clientsFor(stack.outputs);
  const created = await clients.sfn.send(
    new CreateStateMachineCommand({
      name: 'invoke-echo',
      definition: JSON.stringify(
        INVOKE('arn:aws:lambda:us-east-1:123456789012:function:test-echo:$LATEST', true),
      ),
      roleArn: 'arn:aws:iam::123456789012:role/r',
    }),
  );
  invokeArn = created.stateMachineArn!;
});
afterAll(async () => {
  await stack?.stop();
});

async function run(stateMachineArn: string, input: object) {
  const { executionArn } = await clients.sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  for (;;) {
    const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') {
      const { events = [] } = await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      return { described, events };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function machine(name: string, definition: object): Promise<string> {
  const created = await clients.sfn.send(
    new CreateStateMachineCommand({
      name,
      definition: JSON.stringify(definition),
      roleArn: 'arn:aws:iam::123456789012:role/r',
    }),
  );
  return created.stateMachineArn!;
}

describe('Lambda workers', () => {
  it('runs the function with its own environment; the first invocation is cold, later ones warm', async () => {
    const first = await run(invokeArn, { n: 1 });
    const second = await run(invokeArn, { n: 2 });
    const payload = (r: typeof first) => JSON.parse(r.described.output ?? '{}').Payload;
    expect(payload(first)).toMatchObject({
      n: 1,
      table: 'test-orders',
      endpoint: stack.outputs.endpoints.dynamodb,
    });
    expect(payload(second).invocations).toBe(payload(first).invocations + 1);
  });

  it('captures every line the function writes, per function', async () => {
    await run(invokeArn, {});
    const failArn = await machine('invoke-fail-logs', INVOKE('test-fail'));
    await run(failArn, {});
    // No waiting: the lines are in by the time the invocation has answered.
    expect(stack.lambdaLogs('test-echo').some((line) => line.includes('"message":"echo"'))).toBe(true);
    expect(stack.lambdaLogs('test-fail')).toContain('about to fail');
    expect(stack.lambdaLogs('test-echo')).not.toContain('about to fail');
    expect(stack.lambdaLogs()).toEqual(expect.arrayContaining(['about to fail']));
  });

  it('fails a function error with errorType as the error and the error document as the cause', async () => {
    const failArn = await machine('invoke-fail', INVOKE('test-fail'));
    const { described } = await run(failArn, { errorName: 'PaymentError', message: 'card declined' });
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('PaymentError');
    const cause = JSON.parse(described.cause ?? '{}');
    expect(cause).toMatchObject({ errorType: 'PaymentError', errorMessage: 'card declined' });
    expect(cause.trace[0]).toBe('PaymentError: card declined');
  });

  it('times out an invocation past the configured timeout as Lambda does; the next invocation is served again', async () => {
    const slowArn = await machine('invoke-slow', INVOKE('test-slow'));
    // The function would work for 5 s; its 1 s timeout ends it (the error says so: no wall-clock bound here,
    // which a loaded machine would break).
    const { described } = await run(slowArn, { ms: 5000 });
    expect(described.error).toBe('Sandbox.Timedout');
    expect(JSON.parse(described.cause ?? '{}')).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(
        /^RequestId: [0-9a-f-]+ Error: Task timed out after 1\.00 seconds$/,
      ),
    });
    const quick = await run(slowArn, { ms: 10 });
    expect(quick.described.status).toBe('SUCCEEDED');
  });

  it('stops a function at its memory size with Runtime.OutOfMemory', async () => {
    const hogArn = await machine('invoke-hog', INVOKE('test-hog'));
    const { described } = await run(hogArn, {});
    expect(described.error).toBe('Runtime.OutOfMemory');
    expect(JSON.parse(described.cause ?? '{}').errorMessage).toMatch(
      /Runtime exited with error: signal: killed/,
    );
  });

  it('answers Lambda.ResourceNotFoundException for an unknown function', async () => {
    const ghostArn = await machine('invoke-ghost', INVOKE('ghost'));
    const { described } = await run(ghostArn, {});
    expect(described.error).toBe('Lambda.ResourceNotFoundException');
    expect(described.cause).toMatch(
      /Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost:\$LATEST/,
    );
  });
});

describe('fault injection', () => {
  it('fails the next invocation with a Lambda service error that the Retry absorbs', async () => {
    stack.faults.inject('test-echo', { count: 1, error: 'Lambda.ServiceException', cause: 'boom' });
    const { described, events } = await run(invokeArn, { faulted: true });
    expect(described.status).toBe('SUCCEEDED');
    const failed = events.filter((e) => e.type === 'TaskFailed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.taskFailedEventDetails).toMatchObject({ error: 'Lambda.ServiceException' });
    expect(failed[0]?.taskFailedEventDetails?.cause).toMatch(/^boom \(Service: AWSLambda; Status Code: 500/);
    expect(stack.faults.pending()).toEqual({});
  });

  it('accepts faults over HTTP by function key, with a function error', async () => {
    const res = await fetch(`${stack.outputs.controlUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({ functionName: 'test-echo', count: 2, error: 'OutOfStock', cause: 'none left' }),
    });
    expect(res.status).toBe(200);
    const first = await run(invokeArn, {});
    const second = await run(invokeArn, {});
    const third = await run(invokeArn, {});
    expect([first, second].map((r) => r.described.error)).toEqual(['OutOfStock', 'OutOfStock']);
    expect(JSON.parse(first.described.cause ?? '{}')).toMatchObject({
      errorType: 'OutOfStock',
      errorMessage: 'none left',
    });
    expect(third.described.status).toBe('SUCCEEDED');
  });

  it('makes an injected timeout wait out the function timeout and fail with Sandbox.Timedout', async () => {
    const slowArn = await machine('invoke-slow-fault', INVOKE('test-slow'));
    stack.faults.inject('test-slow', { count: 1, timeout: true });
    const { described } = await run(slowArn, { ms: 1 });
    expect(described.error).toBe('Sandbox.Timedout');
  });

  it('rejects a fault for an unknown function over HTTP with 400', async () => {
    const res = await fetch(`${stack.outputs.controlUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({ functionName: 'nope', count: 1 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'InvalidFaultError' });
  });

  it('serves the Lambda logs over HTTP', async () => {
    const res = await fetch(`${stack.outputs.controlUrl}/lambda-logs?functionName=test-echo`);
    const lines = (await res.json()) as string[];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => !line.includes('about to fail'))).toBe(true);
  });
});
