/**
 * `pnpm bench`: orders through the local stack against the floor that moto sets, at 1 and at 20 in flight.
 *
 * Through the stack: `POST /orders` on the local intake API (which tokenizes the card into the vault and
 * starts the execution) → the order's notification in the inspection queue (every order goes the whole way:
 * verify, reserve, charge, record, publish). Latency is from the POST to the notification's arrival.
 * The floor: the moto calls one such order made (recorded by the moto launcher's profile: those naming its
 * order id or its card token), made again straight to moto at the same concurrency, timed to the notification
 * through the same reader.
 * Prints each run's orders/s, p50/p90/p99 and CPU per order (this process, every Lambda worker included; and
 * moto's), the efficiency (stack orders/s ÷ floor orders/s), the p50 against the floor's, and moto's calls
 * per order by operation (the floor's are checked to be the stack's).
 *
 * BENCH_CONCURRENCY: comma-separated concurrencies (default `1,20`); BENCH_ORDERS: orders per run
 * (default 100 at 1 in flight, 500 above), run in five rounds per side that alternate (stack, floor, stack,
 * …) so both meet the same load on a shared machine. Three uncounted warm-up rounds per side come first.
 */

import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import {
  readMotoCpuSeconds,
  readMotoProfile,
  readRecentRequests,
  resetMotoProfile,
} from '@orders/moto-server';
import { INVENTORY_FIXTURE, type TokenizedOrder } from '@orders/shared-types';
import { startLocalStack } from '../src/index.js';
import { callsPerOrder, checkCallMix } from './bench/call-mix.js';
import { callsOfOrder, FloorOrders } from './bench/floor.js';
import { type MeasuredRun, report, stepReport } from './bench/report.js';
import { runPool } from './bench/run-pool.js';
import { RunTotals } from './bench/run-totals.js';
import { StackOrders } from './bench/stack-orders.js';
import { type StateTimes, stateTimes } from './bench/state-times.js';
import { executionArnOf } from './internal/executions.js';
import { localIntake } from './internal/intake-orders.js';
import { localClients } from './internal/local-clients.js';
import { NotificationReader } from './internal/notification-reader.js';
import { runCli } from './internal/run-cli.js';

const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,20').split(',').map((text) => {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`BENCH_CONCURRENCY must list whole numbers ≥ 1, got '${process.env.BENCH_CONCURRENCY}'`);
  return n;
});
const ordersAt = (inFlight: number): number => {
  const given = process.env.BENCH_ORDERS;
  if (given === undefined) return inFlight === 1 ? 100 : 500;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`BENCH_ORDERS must be a whole number ≥ 1, got '${given}'`);
  return n;
};
/** Measured rounds per side: the stack's and the floor's alternate. */
const ROUNDS = 5;
const KINDS = ['stack', 'floor'] as const;
/** The last orders of the run at 1 in flight whose histories say where an order's time goes. */
const STEP_SAMPLE = 30;
/** Under `node --cpu-prof`, say when each measured run ran (µs, the profiles' clock) for cpu-profile-summary. */
const PROFILING = process.execArgv.some((arg) => arg.startsWith('--cpu-prof'));
const nowUs = () => process.hrtime.bigint() / 1000n;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The floor is made of the calls moto records; the profile is what records them.
process.env.MOTO_PROFILE = '1';

runCli(async () => {
  process.stderr.write('starting the local stack…\n');
  // Enough stock that every order goes the whole way (charge, row, notification).
  const inventory = INVENTORY_FIXTURE.map((item) => ({
    itemId: item.itemId,
    quantityInStock: item.quantityInStock === 0 ? 0 : 1_000_000,
  }));
  const stack = await startLocalStack({ quiet: true, inventory });
  const moto = stack.outputs.endpoints.dynamodb;
  const { sfn, sqs } = localClients(stack.outputs);
  const reader = new NotificationReader(sqs, stack.outputs.queueUrl);
  reader.start();
  const runId = `b${Date.now().toString(36)}`;
  const { stateMachineArn } = stack.outputs;
  const stackOrders = new StackOrders(localIntake(stack.outputs), sfn, stateMachineArn, reader);
  const runs: MeasuredRun[] = [];
  let steps: StateTimes = [];
  try {
    // One order alone, warm, with moto recording: the calls the floor makes.
    await stackOrders.run(`${runId}-cold`);
    const recordedId = `${runId}-recorded`;
    await resetMotoProfile(moto);
    await stackOrders.run(recordedId);
    // The vault's calls name the order's card token, not its id: the execution's input has the token.
    const { input } = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, recordedId) }),
    );
    const { token } = (JSON.parse(input ?? '{}') as TokenizedOrder).payment;
    const recorded = callsOfOrder(await readRecentRequests(moto), recordedId, [token]);
    process.stderr.write(`one order's moto calls: ${recorded.map((c) => c.operation).join(', ')}\n`);

    for (const inFlight of CONCURRENCIES) {
      const orders = ordersAt(inFlight);
      const floor = new FloorOrders(moto, recorded, recordedId, reader, inFlight, token);
      const sides = { stack: (id: string) => stackOrders.run(id), floor: (id: string) => floor.run(id) };
      const totals = { stack: new RunTotals(), floor: new RunTotals() };
      try {
        for (const kind of KINDS) {
          process.stderr.write(`${kind}, ${inFlight} in flight: warm-up\n`);
          // Three rounds: one round at once left some Lambda pools short, so cold starts fell in the measured run.
          await runPool(3 * inFlight, inFlight, (i) => sides[kind](`${runId}-${kind}${inFlight}-w${i}`));
        }
        // Stack and floor take turns, ROUNDS each, so a change in the shared machine's load hits both.
        for (let round = 0; round < ROUNDS; round++) {
          for (const kind of KINDS) {
            const size = Math.floor((orders * (round + 1)) / ROUNDS) - Math.floor((orders * round) / ROUNDS);
            process.stderr.write(
              `${kind}, ${inFlight} in flight: round ${round + 1}/${ROUNDS}, ${size} orders\n`,
            );
            await resetMotoProfile(moto);
            const from = nowUs();
            const nodeCpu = process.cpuUsage();
            const motoCpu = await readMotoCpuSeconds(moto);
            const run = await runPool(size, inFlight, (i) =>
              sides[kind](`${runId}-${kind}${inFlight}-r${round}-${i}`),
            );
            const { user, system } = process.cpuUsage(nodeCpu);
            const cpuMs = {
              node: (user + system) / 1000,
              moto: ((await readMotoCpuSeconds(moto)) - motoCpu) * 1000,
            };
            if (PROFILING)
              process.stderr.write(`cpu-window ${kind}-${inFlight}-r${round + 1} ${from} ${nowUs()}\n`);
            const profile = await readMotoProfile(moto);
            // The floor must make what the stack's orders make: checked before the floor's first round.
            if (round === 0 && kind === 'stack') checkCallMix(callsPerOrder(profile, size), recorded);
            totals[kind].add(run, size, cpuMs, profile);
          }
        }
      } finally {
        floor.close();
      }
      runs.push(totals.stack.measured('stack', inFlight), totals.floor.measured('floor', inFlight));
      if (inFlight === 1)
        steps = await stateTimes(sfn, new Map([...stackOrders.notifiedAt].slice(-STEP_SAMPLE)));
    }
  } finally {
    await reader.stop();
    await stack.stop();
  }
  process.stdout.write(report(runs));
  if (steps.length > 0) process.stdout.write(stepReport(steps, STEP_SAMPLE));
  if (runs.some((r) => r.run.failures.length > 0)) process.exitCode = 1;
});
