/**
 * `pnpm demo`, the project's main job: start the local stack, send one order down each path of the
 * workflow through the intake API (`POST /orders`, as a client would), follow the execution the API
 * started (named by the order id it answered), show what each did, then what a million would cost.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { transitionReport } from '@orders/infra/transitions';
import {
  EXAMPLE_ORDERS,
  intakeClient,
  ORDER_STATES,
  type OrderAccepted,
  type OrderState,
  TEST_CARDS,
} from '@orders/shared-types';
import {
  billableTransitions,
  expressBilledMemoryMb,
  expressCost,
  PRICES,
  standardCost,
} from '../src/billing/workflow-cost.js';
import { startLocalStack } from '../src/index.js';
import { progressLog } from './internal/cli-settings.js';
import { executionArnOf, fullHistory, statesPassed, waitForExecution } from './internal/executions.js';
import { localClients } from './internal/local-clients.js';
import { NotificationReader } from './internal/notification-reader.js';
import { runCli } from './internal/run-cli.js';

const progress = progressLog();

const mastercard = TEST_CARDS.find((card) => card.cardType === 'MASTERCARD' && card.outcome === 'approve');

/** The original project's input.json with a card that passes Luhn and has not expired. */
const VALID_ORIGINAL = {
  ...EXAMPLE_ORDERS.original,
  paymentDetails: {
    ...EXAMPLE_ORDERS.original.paymentDetails,
    cardNumber: mastercard?.cardNumber ?? '5555 5555 5555 4444',
    expiration: '12/34',
  },
};

/** One order per path, with the order state its row and notification must end in. */
const ORDERS: ReadonlyArray<{ label: string; order: object; expected: OrderState }> = [
  {
    label: 'the original input.json (made valid)',
    order: VALID_ORIGINAL,
    expected: ORDER_STATES.PAYMENT_PROCESSED,
  },
  {
    label: 'payment details not verified',
    order: EXAMPLE_ORDERS.notVerified,
    expected: ORDER_STATES.PAYMENT_DETAILS_REJECTED,
  },
  { label: 'out of stock', order: EXAMPLE_ORDERS.outOfStock, expected: ORDER_STATES.OUT_OF_STOCK },
  { label: 'payment declined', order: EXAMPLE_ORDERS.paymentDeclined, expected: ORDER_STATES.PAYMENT_FAILED },
  { label: 'success', order: EXAMPLE_ORDERS.success, expected: ORDER_STATES.PAYMENT_PROCESSED },
];

interface Ran {
  label: string;
  status: string;
  transitions: number;
  durationMs: number;
  dataBytes: number;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

runCli(async () => {
  progress('starting the local stack (Pulumi program under mocks, moto, Lambda workers, Step Functions API)');
  const stack = await startLocalStack({ quiet: true });
  const { outputs } = stack;
  const clients = localClients(outputs);
  const reader = new NotificationReader(clients.sqs, outputs.queueUrl);
  const definitionBytes = Buffer.byteLength(stack.model.stateMachine.definition);
  if (outputs.intakeApiUrl === undefined)
    throw new Error('the local stack serves no intake API (intakeApiUrl)');
  const intake = intakeClient(outputs.intakeApiUrl);
  progress(
    `stack up: intake API ${outputs.intakeApiUrl}/orders, Step Functions API ${outputs.endpoints.stepfunctions}, moto ${outputs.endpoints.dynamodb}`,
  );
  const run = Date.now().toString(36);
  const out: string[] = [];
  const ran: Ran[] = [];
  const unexpected: string[] = [];
  try {
    for (const [index, { label, order, expected }] of ORDERS.entries()) {
      progress(`order ${index + 1}/${ORDERS.length}: ${label}`);
      const itemIds = [...new Set(itemsOf(order).map((i) => i.itemId))];
      const stockBefore = await stockLevels(clients.dynamodb, outputs.inventoryTableName, itemIds);
      const answer = await intake.submit(order, { idempotencyKey: `demo-${run}-${index + 1}` });
      if (answer.status !== 202) {
        unexpected.push(`${label}: POST /orders answered ${answer.status}: ${truncate(answer.text, 200)}`);
        out.push(
          `\n${index + 1}. ${label}   expected ${expected}`,
          `   API answer:   ${answer.status} ${answer.text}`,
        );
        continue;
      }
      const { orderId, state } = answer.body as OrderAccepted;
      // The API names the execution it started by the order id it answers.
      const executionArn = executionArnOf(outputs.stateMachineArn, orderId);
      const described = await waitForExecution(clients.sfn, executionArn);
      const events = await fullHistory(clients.sfn, executionArn);
      const { Item } = await clients.dynamodb.send(
        new GetItemCommand({ TableName: outputs.ordersTableName, Key: { OrderId: { S: orderId } } }),
      );
      const notifications = await reader.drain();
      const stockAfter = await stockLevels(clients.dynamodb, outputs.inventoryTableName, itemIds);
      const durationMs = (described.stopDate?.getTime() ?? 0) - (described.startDate?.getTime() ?? 0);
      const input = described.input ?? '';
      const transitions = billableTransitions(events.map((e) => ({ type: e.type ?? '' })));
      ran.push({
        label,
        status: described.status ?? '?',
        transitions,
        durationMs,
        dataBytes: Math.max(Buffer.byteLength(input), Buffer.byteLength(described.output ?? '')),
      });
      const failure =
        described.status === 'SUCCEEDED'
          ? ''
          : ` (${described.error ?? 'no error'}: ${truncate(described.cause ?? '', 120)})`;
      const row = Item === undefined ? undefined : unmarshall(Item);
      const notified = notifications.map((n) => (n.message as { state?: unknown } | undefined)?.state);
      if (row?.State !== expected || !notified.includes(expected)) {
        unexpected.push(
          `${label}: expected ${expected}, row ${String(row?.State)}, notification ${notified.join(',') || 'none'}`,
        );
      }
      out.push(
        `\n${index + 1}. ${label}   [order ${orderId}]   expected ${expected}`,
        `   API answer:   ${answer.status}, order ${orderId} (${state}), Location ${answer.location ?? '-'}`,
        `   states:       ${statesPassed(events).join(' → ')}`,
        `   final status: ${described.status}${failure}   output: ${truncate(described.output ?? '-', 160)}`,
        `   stock:        ${itemIds.map((id) => `${id} ${stockBefore.get(id)} → ${stockAfter.get(id)}`).join(', ')}`,
        `   row written:  ${row === undefined ? '(none)' : truncate(JSON.stringify(row), 400)}`,
        ...(notifications.length === 0
          ? ['   notification: (none)']
          : notifications.map((n) => `   notification: ${truncate(n.text, 400)}`)),
      );
    }
  } finally {
    await reader.stop();
  }

  out.push('', costTable(ran, definitionBytes));
  out.push(
    '',
    'Billable transitions per path, ours next to the original (`pnpm --filter @orders/infra run definition --stats`):',
    '',
    await transitionReport(),
  );
  process.stdout.write(`${out.join('\n')}\n`);
  progress('stopping the local stack');
  await stack.stop();
  if (unexpected.length > 0) {
    throw new Error(`some orders did not take their path:\n  ${unexpected.join('\n  ')}`);
  }
  progress(`done in ${progress.elapsed()}: every order took its path`);
});

function costTable(ran: readonly Ran[], definitionBytes: number): string {
  const money = (n: number) => `$${n.toFixed(2)}`;
  const rows = ran.map((r) => {
    const memory = expressBilledMemoryMb(definitionBytes, r.dataBytes);
    return {
      ...r,
      standard: standardCost(r.transitions) * 1e6,
      express: expressCost(r.durationMs, memory) * 1e6,
      memory,
    };
  });
  const width = Math.max(...rows.map((r) => r.label.length), 5);
  const line = (cells: string[]) =>
    `  ${cells[0]?.padEnd(width)}  ${cells
      .slice(1)
      .map((c, i) => c.padStart([10, 12, 11, 18, 18][i] ?? 10))
      .join('  ')}`;
  const avg = (pick: (r: (typeof rows)[number]) => number) =>
    rows.reduce((s, r) => s + pick(r), 0) / rows.length;
  return [
    'Cost per million orders at list prices (from the recorded histories):',
    `  Standard: $${(PRICES.standardPerTransition * 1000).toFixed(3)} per 1,000 state transitions (retries included).`,
    `  Express:  $1.00 per 1M requests + $${PRICES.expressPerGbSecond} per GB-second, duration rounded up to 100 ms,`,
    '            memory in 64 MB chunks; durations are the ones measured here, locally.',
    '',
    line(['order', 'status', 'transitions', 'duration', 'Standard / 1M', 'Express / 1M']),
    ...rows.map((r) =>
      line([
        r.label,
        r.status,
        String(r.transitions),
        `${r.durationMs} ms`,
        money(r.standard),
        money(r.express),
      ]),
    ),
    line([
      'mix of the above',
      '',
      avg((r) => r.transitions).toFixed(1),
      `${Math.round(avg((r) => r.durationMs))} ms`,
      money(avg((r) => r.standard)),
      money(avg((r) => r.express)),
    ]),
  ].join('\n');
}

function itemsOf(order: object): Array<{ itemId: string }> {
  return (order as { orderContents?: { items?: Array<{ itemId: string }> } }).orderContents?.items ?? [];
}

/** The stock of each item (consistent reads). */
async function stockLevels(
  dynamodb: ReturnType<typeof localClients>['dynamodb'],
  tableName: string,
  itemIds: readonly string[],
): Promise<Map<string, number>> {
  const levels = new Map<string, number>();
  for (const itemId of itemIds) {
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: tableName, Key: { ItemId: { S: itemId } }, ConsistentRead: true }),
    );
    levels.set(itemId, Number(Item?.quantityInStock?.N ?? 0));
  }
  return levels;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
