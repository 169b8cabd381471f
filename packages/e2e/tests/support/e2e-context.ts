import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { INVENTORY_FIXTURE, type OrderInputJson } from '@orders/shared-types';
import { afterAll, inject } from 'vitest';
import {
  CloudWatchLambdaLogs,
  createClients,
  deleteStock,
  type E2eTarget,
  executionName,
  type FinishedExecution,
  getOrderRow,
  type LambdaLogReader,
  LocalControl,
  putStock,
  type ReceivedNotification,
  type ReceiveOptions,
  receiveNotification,
  receiveNotifications,
  runExecution,
  sortableIds,
  stockLevels,
} from '../../src/index.js';

/** An order whose items are Inventory rows of the scenario's own, seeded before it is submitted. */
export interface StockedOrder {
  /** The order, `orderId` set, every line pointing at the scenario's own item ids. */
  readonly order: OrderInputJson & { orderId: string };
  readonly orderId: string;
  /** The order's distinct (new) item ids, in the order their first lines appear. */
  readonly itemIds: readonly string[];
  /** The quantity ordered of each item, all its lines added up (a line without quantity counts 1). */
  readonly ordered: Readonly<Record<string, number>>;
  /** The stock each item was seeded with. */
  readonly seeded: Readonly<Record<string, number>>;
  /** The new id of an item of the example order. */
  idOf(exampleItemId: string): string;
}

export interface StockedOrderOptions {
  /** The order id to use; default a fresh one. */
  readonly orderId?: string;
  /** Stock to seed per item id of the example order; default the stock INVENTORY_FIXTURE gives it. */
  readonly stock?: Readonly<Record<string, number>>;
}

/** What a scenario file works with: the target, its clients and the helpers bound to them. */
export interface E2eContext {
  readonly target: E2eTarget;
  readonly clients: ReturnType<typeof createClients>;
  /** Fault injection and Lambda logs; undefined on AWS. */
  readonly control: LocalControl | undefined;
  /** The Lambda log lines: the local stack's, or CloudWatch Logs (since this file started) on AWS. */
  readonly logs: LambdaLogReader;
  /** A fresh order id, unique across runs (`<runId>-<sortable id>`), valid as an idempotency key. */
  newOrderId(): string;
  /** Submit `input` as a new execution (unique name, label for people) and wait for its end. */
  submit(input: unknown, label: string): Promise<FinishedExecution>;
  notification(orderId: string, options?: Omit<ReceiveOptions, 'count'>): Promise<ReceivedNotification>;
  notifications(orderId: string, options?: ReceiveOptions): Promise<ReceivedNotification[]>;
  orderRow(orderId: string): Promise<Record<string, unknown> | undefined>;
  /**
   * A copy of `example` whose items are fresh Inventory rows seeded for this scenario alone (PutItem on
   * the stack's Inventory table), so stock before and after can be compared exactly whatever else runs
   * against the stack; the rows are deleted when the file's tests are done.
   */
  stockedOrder(example: OrderInputJson, options?: StockedOrderOptions): Promise<StockedOrder>;
  /** The stock of each item (consistent reads of the Inventory table). */
  stock(itemIds: readonly string[]): Promise<Record<string, number | undefined>>;
}

/** The context of one scenario file (call at module level). */
export function e2eContext(): E2eContext {
  const target = inject('e2eTarget');
  const clients = createClients(target);
  const ids = sortableIds();
  const control = LocalControl.of(target);
  // A minute of slack for clock skew between this machine and CloudWatch.
  const since = Date.now() - 60_000;
  const logs =
    control ??
    new CloudWatchLambdaLogs(
      new CloudWatchLogsClient({ region: target.region }),
      Object.values(target.outputs.functionNames),
      since,
    );
  const newOrderId = () => `${target.runId}-${ids.next()}`;
  const inventoryTable = target.outputs.inventoryTableName;
  const seededItems: string[] = [];
  afterAll(async () => {
    await deleteStock(clients.dynamodb, inventoryTable, seededItems.splice(0));
  });
  return {
    target,
    clients,
    control,
    logs,
    newOrderId,
    submit: (input, label) =>
      runExecution(
        clients.sfn,
        target.outputs.stateMachineArn,
        executionName(target.runId, ids.next(), label),
        input,
      ),
    notification: (orderId, options) => receiveNotification(clients.sqs, target.queueUrl, orderId, options),
    notifications: (orderId, options) => receiveNotifications(clients.sqs, target.queueUrl, orderId, options),
    orderRow: (orderId) => getOrderRow(clients.dynamodb, target.outputs.ordersTableName, orderId),
    async stockedOrder(example, options = {}) {
      const orderId = options.orderId ?? newOrderId();
      const lines = example.orderContents.items;
      const newIds = new Map<string, string>();
      for (const line of lines) {
        if (!newIds.has(line.itemId)) newIds.set(line.itemId, `${target.runId}-${ids.next()}-${line.itemId}`);
      }
      const idOf = (exampleItemId: string) => {
        const id = newIds.get(exampleItemId);
        if (id === undefined) throw new Error(`the order has no item ${exampleItemId}`);
        return id;
      };
      const seeded: Record<string, number> = {};
      const ordered: Record<string, number> = {};
      for (const [exampleId, id] of newIds) {
        const stock =
          options.stock?.[exampleId] ??
          INVENTORY_FIXTURE.find((item) => item.itemId === exampleId)?.quantityInStock;
        if (stock === undefined) throw new Error(`no stock given for ${exampleId}`);
        seeded[id] = stock;
        ordered[id] = 0;
      }
      for (const line of lines) ordered[idOf(line.itemId)]! += line.quantity ?? 1;
      seededItems.push(...newIds.values());
      await Promise.all(
        Object.entries(seeded).map(([id, stock]) => putStock(clients.dynamodb, inventoryTable, id, stock)),
      );
      const order = {
        ...structuredClone(example),
        orderId,
        orderContents: {
          ...structuredClone(example.orderContents),
          items: lines.map((line) => ({ ...structuredClone(line), itemId: idOf(line.itemId) })),
        },
      };
      return { order, orderId, itemIds: [...newIds.values()], ordered, seeded, idOf };
    },
    stock: (itemIds) => stockLevels(clients.dynamodb, inventoryTable, itemIds),
  };
}

/** Print why a check is skipped on this target (vitest's skip reason is easy to miss in the summary). */
export function skipReason(reason: string): string {
  console.log(`[e2e] skipped: ${reason}`);
  return reason;
}
