/**
 * `pnpm --filter @orders/local run idempotency`: 50 concurrent `POST /orders` with one Idempotency-Key and
 * one body against the local stack's intake API, then what they came to:
 *   - the answers by status (first answers, then final ones: a 409 "still in flight" is retried after its
 *     Retry-After, as the IETF draft "The Idempotency-Key HTTP Header Field" asks a client to), and whether
 *     every 202 is byte-identical (how many distinct bodies and Locations);
 *   - the executions started for the order (ListExecutions on the state machine, filtered by the name = the
 *     order id the 202 names; DescribeExecution by that name to see how it ended);
 *   - the charges the payment provider made for it (charge-payment's `invocation succeeded` lines with the
 *     provider's chargeId, scripts/faults/provider-charges.ts) and the Orders row's ChargeId;
 *   - one more request with the same key and another body (the draft's 422).
 * Exits 1 unless exactly 1 execution, at most 1 charge, identical answers and a 422 for the other body.
 *   IDEMPOTENCY_REQUESTS (default 50)
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type ExecutionListItem, ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { EXAMPLE_ORDERS, type IntakeClient } from '@orders/shared-types';
import { startLocalStack } from '../src/index.js';
import { providerChargeList } from './faults/provider-charges.js';
import { judgeKeyedRun, type KeyedAnswer } from './idempotency/verdict.js';
import { intSetting, progressLog } from './internal/cli-settings.js';
import { executionArnOf, waitForExecution } from './internal/executions.js';
import { localIntake } from './internal/intake-orders.js';
import { localClients } from './internal/local-clients.js';
import { runCli } from './internal/run-cli.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const REQUESTS = intSetting('IDEMPOTENCY_REQUESTS', 50);
/** How many times one request retries a 409 before its last answer counts as final. */
const MAX_RETRIES = 30;

const progress = progressLog();

/** Send the keyed request until it is answered with something other than 409 (in flight). */
async function keyedRequest(intake: IntakeClient, order: unknown, key: string): Promise<KeyedAnswer> {
  let answer = await intake.submit(order, { idempotencyKey: key });
  const firstStatus = answer.status;
  for (let retry = 0; answer.status === 409 && retry < MAX_RETRIES; retry++) {
    const seconds = Number(answer.retryAfter ?? '1');
    await new Promise((resolve) => setTimeout(resolve, 1000 * (Number.isFinite(seconds) ? seconds : 1)));
    answer = await intake.submit(order, { idempotencyKey: key });
  }
  return { firstStatus, status: answer.status, location: answer.location, text: answer.text };
}

/** Every execution of the state machine named `name` (all pages of ListExecutions). */
async function executionsNamed(sfn: SFNClient, stateMachineArn: string, name: string) {
  const found: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken }));
    found.push(...(page.executions ?? []).filter((e) => e.name === name));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return found;
}

runCli(async () => {
  progress('starting the local stack');
  const stack = await startLocalStack({ quiet: true });
  const { sfn, dynamodb } = localClients(stack.outputs);
  const { stateMachineArn, ordersTableName } = stack.outputs;
  const intake = localIntake(stack.outputs);
  const key = `idem-${Date.now().toString(36)}`;
  const order = EXAMPLE_ORDERS.success;
  let verdict: ReturnType<typeof judgeKeyedRun>;
  let ended: string;
  try {
    progress(`${REQUESTS} concurrent POST /orders, Idempotency-Key ${key}, one body`);
    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, () => keyedRequest(intake, order, key)),
    );
    const accepted = answers.find((a) => a.status === 202);
    const orderId =
      accepted === undefined ? undefined : (JSON.parse(accepted.text) as { orderId: string }).orderId;
    progress(`answered; order ${orderId ?? '(none accepted)'}`);
    const otherBody = await intake.submit(
      { ...order, customerId: `${order.customerId}-other` },
      { idempotencyKey: key },
    );

    let executions = 0;
    let charges = 0;
    let rowChargeId: string | undefined;
    ended = '(no execution)';
    if (orderId !== undefined) {
      // Wait for the order's execution to end, so every charge it would make is made.
      const described = await waitForExecution(sfn, executionArnOf(stateMachineArn, orderId), {
        intervalMs: 100,
        timeoutMs: 120_000,
      });
      ended = `${described.status}${described.error === undefined ? '' : ` ${described.error}`}`;
      executions = (await executionsNamed(sfn, stateMachineArn, orderId)).length;
      charges = providerChargeList(stack.lambdaLogs('chargePayment')).filter(
        (c) => c.orderId === orderId,
      ).length;
      const { Item } = await dynamodb.send(
        new GetItemCommand({
          TableName: ordersTableName,
          Key: { OrderId: { S: orderId } },
          ConsistentRead: true,
        }),
      );
      rowChargeId = Item?.ChargeId?.S;
      ended += `; row ${Item?.State?.S ?? '(none)'}`;
    }
    verdict = judgeKeyedRun({
      answers,
      orderId,
      executions,
      charges,
      rowChargeId,
      otherBodyStatus: otherBody.status,
    });
  } finally {
    await stack.stop();
  }

  const { figures, problems } = verdict;
  const statuses = (counts: ReadonlyMap<number, number>) =>
    [...counts].map(([status, n]) => `${status} × ${n}`).join(', ');
  const lines: Array<[string, string | number]> = [
    ['requests (one Idempotency-Key, one body)', figures.requests],
    ['first answers by status', statuses(figures.firstStatuses)],
    ['final answers by status (409s retried)', statuses(figures.finalStatuses)],
    [
      '202 answers byte-identical',
      `${figures.distinct202Bodies === 1 ? 'yes' : 'no'} (${plural(figures.distinct202Bodies, 'distinct body', 'distinct bodies')}, ${plural(figures.distinctLocations, 'Location', 'Locations')})`,
    ],
    ['executions started for the order', figures.executions],
    ['the execution ended', ended],
    ['charges the provider made', figures.charges],
    ['same key, another body', figures.otherBodyStatus],
  ];
  process.stdout.write('\n');
  for (const [name, value] of lines) process.stdout.write(`  ${name.padEnd(44)} ${value}\n`);
  process.stdout.write(
    `\n${problems.length === 0 ? 'idempotent: 1 execution, at most 1 charge, identical answers' : problems.map((p) => `VIOLATION ${p}`).join('\n')}\n`,
  );
  if (problems.length > 0) process.exit(1);
});
