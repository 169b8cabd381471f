import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { EXAMPLE_ORDERS, type IntakeClient } from '@orders/shared-types';
import type { LocalStack } from '../../src/index.js';
import { executionArnOf, waitForExecution } from '../internal/executions.js';
import { localIntake, submitAccepted } from '../internal/intake-orders.js';
import { ScriptItem } from '../internal/inventory.js';
import type { localClients } from '../internal/local-clients.js';
import type { NotificationReader } from '../internal/notification-reader.js';
import { scanOrders } from '../internal/order-rows.js';
import type { OrderPath } from './fault-plan.js';
import type { ExecutionOutcome, RunEvidence } from './invariants.js';
import { providerCharges } from './provider-charges.js';
import { type SweepOutcome, sweepAsScheduled } from './reservation-sweep.js';

type Card = Exclude<OrderPath, 'duplicate'>;
const CARDS: Record<Card, object> = {
  good: EXAMPLE_ORDERS.success.paymentDetails,
  declined: EXAMPLE_ORDERS.paymentDeclined.paymentDetails,
  notVerified: EXAMPLE_ORDERS.notVerified.paymentDetails,
};
/** The cards of a batch's orders, in turn: mostly good, some declined, some that do not verify. */
const BATCH_CARDS: readonly Card[] = [
  'good',
  'good',
  'declined',
  'good',
  'notVerified',
  'good',
  'declined',
  'notVerified',
];

/** Enough that no order of a batch runs out: the faults are the subject, not the stock. */
const STOCK = 1000;
/**
 * How long a submission goes on retrying what a client retries (a 5xx or refused connection while moto
 * restarts under the intake function, a 429): longer than the restart's downtime.
 */
const SUBMIT_RETRY_MS = 120_000;
/** How long a recorded order's notification may take to reach the inspection queue after its execution ends. */
const NOTIFICATION_WAIT_MS = 10_000;

/**
 * The orders of one fault case, all for an item of their own (so the stock count is the case's alone):
 * submitted through the intake API (each keyed by its order id, so a retried POST cannot submit it twice),
 * waited for, then the evidence the invariants are checked on. A duplicate is what the API never lets
 * through (it answers 409 for an order id it has started): a second execution of the same card-free order,
 * the first one's own input, started straight on the Step Functions API, as a client holding it could.
 */
export class OrderBatch {
  readonly executions: ExecutionOutcome[] = [];
  /** What the sweeper did for the batch, when a reservation was left for it. */
  sweep: SweepOutcome | undefined;
  private readonly item: ScriptItem;
  private readonly intake: IntakeClient;
  private readonly running: Array<Promise<void>> = [];
  private stockBefore = Number.NaN;
  private next = 0;

  constructor(
    private readonly stack: LocalStack,
    private readonly clients: ReturnType<typeof localClients>,
    private readonly reader: NotificationReader,
    /** The item id, and the prefix of every order id of the batch. */
    readonly itemId: string,
  ) {
    this.item = new ScriptItem(clients.dynamodb, stack.outputs.inventoryTableName, itemId);
    this.intake = localIntake(stack.outputs);
  }

  async seed(): Promise<void> {
    await this.item.seed(STOCK);
    this.stockBefore = STOCK;
  }

  /**
   * Start one order down `path` (a duplicate is a second execution of `orderId`'s card-free order, which must
   * have run); resolves when it ends.
   */
  start(
    path: OrderPath,
    orderId = `${this.itemId}-${this.next++}`,
  ): { orderId: string; done: Promise<void> } {
    const card: Card = path === 'duplicate' ? 'good' : path;
    const order = {
      orderId,
      orderContents: {
        items: [{ itemId: this.itemId, price: 10, itemDescription: 'Fault item', quantity: 1 }],
      },
      orderTotal: 10,
      customerId: `c-${orderId}`,
      paymentDetails: CARDS[card],
    };
    const done = (async () => {
      const executionArn =
        path === 'duplicate'
          ? await this.startDuplicate(orderId)
          : executionArnOf(
              this.stack.outputs.stateMachineArn,
              await submitAccepted(this.intake, order, {
                idempotencyKey: orderId,
                retryForMs: SUBMIT_RETRY_MS,
              }),
            );
      // Retries with backoff after a permanent fault can take minutes: within the execution's own timeout.
      const described = await waitForExecution(this.clients.sfn, executionArn, {
        intervalMs: 200,
        timeoutMs: 900_000,
      });
      this.executions.push({
        orderId,
        status: described.status ?? '?',
        error: described.error,
        cause: described.cause,
      });
    })();
    this.running.push(done);
    return { orderId, done };
  }

  /** Start `${orderId}-again` with the input of `orderId`'s execution (the card-free order); answers its ARN. */
  private async startDuplicate(orderId: string): Promise<string> {
    const { stateMachineArn } = this.stack.outputs;
    const first = await this.clients.sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, orderId) }),
    );
    const name = `${orderId}-again`;
    const { executionArn } = await this.clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn, name, input: first.input }),
    );
    if (executionArn === undefined) throw new Error(`StartExecution for ${name} returned no executionArn`);
    return executionArn;
  }

  /** Start `n` orders with the batch's mix of cards (from position `from` of the mix). */
  startMany(n: number, from = 0): void {
    for (let i = from; i < from + n; i++) this.start(BATCH_CARDS[i % BATCH_CARDS.length] ?? 'good');
  }

  /** Wait for every order started so far. */
  async settle(): Promise<void> {
    let settled = 0;
    while (settled < this.running.length) {
      const upTo = this.running.length;
      await Promise.all(this.running.slice(settled, upTo));
      settled = upTo;
    }
  }

  /** What the batch left behind: rows, the provider's charges, the notifications, the stock. */
  async evidence(): Promise<RunEvidence> {
    await this.settle();
    const prefix = `${this.itemId}-`;
    const { ordersTableName, inventoryTableName } = this.stack.outputs;
    let rows = await scanOrders(this.clients.dynamodb, ordersTableName, prefix);
    this.sweep = await sweepAsScheduled(this.clients.dynamodb, { ordersTableName, inventoryTableName }, rows);
    if (this.sweep !== undefined) rows = await scanOrders(this.clients.dynamodb, ordersTableName, prefix);
    const notified = new Set<string>();
    await Promise.all(
      rows.map(async (row) => {
        const orderId = String(row.OrderId);
        if (row.State === 'RECEIVED') return;
        try {
          await this.reader.next(orderId, NOTIFICATION_WAIT_MS);
          notified.add(orderId);
        } catch {
          // none arrived in time: the invariant checker says whether the row's outbox has it
        }
      }),
    );
    const charges = new Map(
      [...providerCharges(this.stack.lambdaLogs('chargePayment'))].filter(([id]) => id.startsWith(prefix)),
    );
    return {
      executions: this.executions,
      rows,
      charges,
      notified,
      stock: { itemId: this.itemId, before: this.stockBefore, after: await this.item.stock() },
    };
  }
}
