import { Agent } from 'node:http';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { LocalStackOutputs } from '@orders/local';
import { EXAMPLE_ORDERS, type ExampleOrderName, executionArnOf, intakeClient } from '@orders/shared-types';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** A Step Functions client for the local stack (dummy credentials; enough sockets for many in flight). */
export function sfnClient(outputs: LocalStackOutputs): SFNClient {
  return new SFNClient({
    region: outputs.region,
    endpoint: outputs.endpoints.stepfunctions,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) },
  });
}

/**
 * Run `total` orders, `inFlight` at a time, each submitted through the intake API (`POST /orders`) and
 * followed to its end (DescribeExecution every 100 ms); the examples take turns so that every path shows up.
 * Resolves with the seconds it took.
 */
export async function runOrders(
  sfn: SFNClient,
  outputs: LocalStackOutputs,
  {
    total,
    inFlight,
    prefix,
    examples = ['success'],
  }: {
    total: number;
    inFlight: number;
    prefix: string;
    examples?: readonly ExampleOrderName[];
  },
): Promise<number> {
  const started = performance.now();
  if (outputs.intakeApiUrl === undefined) throw new Error('the local stack has no intakeApiUrl output');
  const intake = intakeClient(outputs.intakeApiUrl);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const orderId = `${prefix}-${i}`;
      const example = examples[i % examples.length] ?? 'success';
      const answer = await intake.submit({ ...EXAMPLE_ORDERS[example], orderId });
      if (answer.status !== 202)
        throw new Error(`POST /orders for ${orderId} answered ${answer.status}: ${answer.text}`);
      const executionArn = executionArnOf(outputs.stateMachineArn, orderId);
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (status !== 'RUNNING') break;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return (performance.now() - started) / 1000;
}
