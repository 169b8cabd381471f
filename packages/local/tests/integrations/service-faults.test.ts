import { TaskError } from '@orders/asl-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { toServiceFault } from '../../src/faults/service-faults.js';
import { AwsSdkIntegration } from '../../src/integrations/aws-sdk-integration.js';

// Nothing listens on port 9 of loopback: a call that reached the "service" would fail as a network error.
const aws = new AwsSdkIntegration({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' });
afterEach(() => aws.faults.clear());

const UPDATE_ITEM = { service: 'dynamodb', action: 'updateItem', optimized: true } as const;
const PUBLISH = { service: 'sns', action: 'publish', optimized: true } as const;
const task = (state: string, resource: typeof UPDATE_ITEM | typeof PUBLISH) =>
  ({ kind: 'service', state, ...resource, hasTimeout: true }) as const;

async function failure(call: Promise<unknown>): Promise<TaskError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TaskError)) throw new Error(`expected a TaskError, got ${String(error)}`);
  return error;
}

describe('AwsSdkIntegration with injected faults', () => {
  it("fails the named state's call with the service error Step Functions shows, before calling the service", async () => {
    const fault = toServiceFault(task('Record', UPDATE_ITEM), {
      count: 1,
      error: 'DynamoDB.ProvisionedThroughputExceededException',
      cause: 'Rate of requests exceeds the allowed throughput.',
    });
    aws.faults.add('Record', fault, 1);
    const error = await failure(aws.call(UPDATE_ITEM, { TableName: 'orders' }, { stateName: 'Record' }));
    expect(error.error).toBe('DynamoDB.ProvisionedThroughputExceededException');
    expect(error.cause).toMatch(
      /^Rate of requests exceeds the allowed throughput\. \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ProvisionedThroughputExceededException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    expect(aws.faults.pending()).toEqual({});
  });

  it('leaves the calls of other states, and calls past the fault count, to the service', async () => {
    aws.faults.add('Notify', toServiceFault(task('Notify', PUBLISH), { count: 1 }), 1);
    const other = await failure(aws.call(PUBLISH, { TopicArn: 'arn', Message: 'm' }, { stateName: 'Other' }));
    // the call went out and found nothing listening: not an SNS error
    expect(other.error).not.toMatch(/^SNS\./);
    const faulted = await failure(
      aws.call(PUBLISH, { TopicArn: 'arn', Message: 'm' }, { stateName: 'Notify' }),
    );
    expect(faulted.error).toBe('SNS.InternalErrorException');
    expect(faulted.cause).toContain(
      '(Service: AmazonSNS; Status Code: 500; Error Code: InternalErrorException;',
    );
    const after = await failure(
      aws.call(PUBLISH, { TopicArn: 'arn', Message: 'm' }, { stateName: 'Notify' }),
    );
    expect(after.error).not.toMatch(/^SNS\./);
  });

  it('hangs on a timeout fault until the task is aborted, and fails with the abort reason', async () => {
    aws.faults.add('Notify', { kind: 'timeout' }, 1);
    const controller = new AbortController();
    const call = failure(
      aws.call(
        PUBLISH,
        { TopicArn: 'arn', Message: 'm' },
        { stateName: 'Notify', signal: controller.signal },
      ),
    );
    let settled = false;
    void call.finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    controller.abort(new TaskError('States.Timeout', 'Task timed out after 10 seconds.'));
    expect((await call).error).toBe('States.Timeout');
  });
});
