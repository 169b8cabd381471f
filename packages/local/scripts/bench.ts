/**
 * `pnpm bench`: 500 orders, 20 in flight, through the local Step Functions API. Prints orders/s and the
 * p50/p99 latency from StartExecution to the order's notification arriving in the queue.
 * BENCH_ORDERS and BENCH_CONCURRENCY override the two numbers. A warm-up round at full concurrency runs
 * first and is not counted.
 */
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { EXAMPLE_ORDERS, INVENTORY_FIXTURE } from '@orders/shared-types';
import { startLocalStack } from '../src/index.js';
import { localClients } from './internal/local-clients.js';
import { NotificationReader } from './internal/notification-reader.js';
import { runCli } from './internal/run-cli.js';

const TOTAL = Number(process.env.BENCH_ORDERS ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_CONCURRENCY ?? 20);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

runCli(async () => {
  process.stderr.write('starting the local stack…\n');
  // Enough stock that every order goes the whole way (charge, row, notification).
  const inventory = INVENTORY_FIXTURE.map((item) => ({
    itemId: item.itemId,
    quantityInStock: item.quantityInStock === 0 ? 0 : 1_000_000,
  }));
  const stack = await startLocalStack({ quiet: true, inventory });
  const { sfn, sqs } = localClients(stack.outputs);
  const reader = new NotificationReader(sqs, stack.outputs.queueUrl);
  reader.start();
  const runId = Date.now().toString(36);
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  let done = 0;

  const one = async (i: number) => {
    const orderId = `bench-${runId}-${i}`;
    const t0 = performance.now();
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stack.outputs.stateMachineArn,
        name: orderId,
        input: JSON.stringify({ ...EXAMPLE_ORDERS.success, orderId }),
      }),
    );
    const notification = await reader.next(orderId, 30_000).catch(async (error: unknown) => {
      // Say why: an execution that failed before publishing, or one still running.
      const executionArn = `${stack.outputs.stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      throw new Error(
        `${(error as Error).message}; execution ${described.status} ${described.error ?? ''} ${described.cause ?? ''}`,
      );
    });
    latencies.push(notification.receivedAt - t0);
  };
  const worker = async () => {
    while (next < TOTAL) {
      const i = next++;
      await one(i).catch((error: unknown) => failures.push(`${i}: ${(error as Error).message}`));
      done++;
      if (done % 50 === 0) process.stderr.write(`  ${done}/${TOTAL}\n`);
    }
  };

  // Warm-up: one round at full concurrency creates the Lambda environments, so the figures below are
  // the warm steady state (cold starts are what the demo's first order shows).
  process.stderr.write(`warm-up: ${IN_FLIGHT} orders at once\n`);
  await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => one(-1 - i)));
  latencies.length = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  await reader.stop();
  await stack.stop();

  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  process.stdout.write(
    [
      `orders: ${TOTAL} (${IN_FLIGHT} in flight), completed with a notification: ${latencies.length}, failed: ${failures.length}`,
      `throughput: ${(latencies.length / seconds).toFixed(1)} orders/s over ${seconds.toFixed(1)} s`,
      `latency start → notification in queue: p50 ${pct(50).toFixed(0)} ms, p90 ${pct(90).toFixed(0)} ms, ` +
        `p99 ${pct(99).toFixed(0)} ms, max ${(latencies.at(-1) ?? Number.NaN).toFixed(0)} ms`,
      ...failures.slice(0, 5).map((f) => `  failure ${f}`),
      '',
    ].join('\n'),
  );
  if (failures.length > 0) process.exitCode = 1;
});
