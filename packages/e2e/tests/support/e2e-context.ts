import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  executionArnOf,
  INVENTORY_FIXTURE,
  type IntakeClient,
  intakeClient,
  type OrderInputJson,
} from '@orders/shared-types';
import { afterAll, inject } from 'vitest';
import {
  CloudWatchLambdaLogs,
  createClients,
  deleteStock,
  type E2eTarget,
  executionName,
  type FinishedExecution,
  finishedExecution,
  getOrderRow,
  type LambdaLogReader,
  LocalControl,
  orderRows,
  putStock,
  type ReceivedNotification,
  type ReceiveOptions,
  receiveNotification,
  receiveNotifications,
  runExecution,
  type SubmitOrderOptions,
  type SubmittedOrder,
  sortableIds,
  stockLevels,
  submitOrder,
} from '../../src/index.js';
import { expectNoCardData, type OrderTraces } from './card-data.js';

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
  /** The stack's intake API (`intakeApiUrl`): `POST /orders`, `GET /orders/{id}`. */
  readonly intake: IntakeClient;
  /** A fresh order id, unique across runs (`<runId>-<sortable id>`), valid as an idempotency key. */
  newOrderId(): string;
  /**
   * Submit `order` as a client does (`POST /orders`, which must answer 202) and wait for the execution the API
   * started, named by the order id it answered with.
   */
  submit(order: unknown, options?: SubmitOrderOptions): Promise<SubmittedOrder>;
  /** Wait for the execution the API started for `orderId` (after a submission made with `intake`). */
  submitted(orderId: string): Promise<FinishedExecution>;
  /**
   * Start `input` straight through StartExecution, as no client should (a new name from `label`): only for
   * the workflow's own guards against what the API would never send.
   */
  startDirectly(input: unknown, label: string): Promise<FinishedExecution>;
  /** Take the order's notification off the queue (kept for the card-data scan). */
  notification(orderId: string, options?: Omit<ReceiveOptions, 'count'>): Promise<ReceivedNotification>;
  notifications(orderId: string, options?: ReceiveOptions): Promise<ReceivedNotification[]>;
  /**
   * No card number and no expiry in anything the order left behind: its executions' input, output and
   * every history event, its Orders row, the notifications received for it, and the Lambda lines naming it.
   */
  expectNoCardData(orderId: string): Promise<void>;
  /** What the card-data scan reads for the order (see expectNoCardData). */
  traces(orderId: string): Promise<OrderTraces>;
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
      // The intake's logs too: it is the one function that sees the card before it is tokenized.
      [
        ...Object.values(target.outputs.functionNames),
        ...(target.outputs.intakeFunctionName === undefined ? [] : [target.outputs.intakeFunctionName]),
      ],
      since,
    );
  const newOrderId = () => `${target.runId}-${ids.next()}`;
  const intake = intakeClient(target.outputs.intakeApiUrl);
  // What each order left behind that the scan reads and the stack cannot give again: its executions
  // (by the order id in their input) and the notifications taken off the queue.
  const executionsOf = new Map<string, FinishedExecution[]>();
  const notificationsOf = new Map<string, ReceivedNotification[]>();
  const keep = <T>(map: Map<string, T[]>, orderId: string, values: readonly T[]) => {
    map.set(orderId, [...(map.get(orderId) ?? []), ...values]);
  };
  const traces = async (orderId: string): Promise<OrderTraces> => ({
    orderId,
    executions: executionsOf.get(orderId) ?? [],
    rows: await orderRows(clients.dynamodb, target.outputs.ordersTableName, orderId),
    notifications: notificationsOf.get(orderId) ?? [],
    logLines: (await logs.lambdaLogs()).filter((line) => line.includes(orderId)),
  });
  const keepExecution = <T extends FinishedExecution>(execution: T): T => {
    const orderId = (execution.input as { orderId?: unknown } | undefined)?.orderId;
    keep(executionsOf, typeof orderId === 'string' ? orderId : execution.name, [execution]);
    return execution;
  };
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
    intake,
    newOrderId,
    submit: async (order, options) =>
      keepExecution(await submitOrder(intake, clients.sfn, target.outputs.stateMachineArn, order, options)),
    submitted: async (orderId) =>
      keepExecution(
        await finishedExecution(
          clients.sfn,
          executionArnOf(target.outputs.stateMachineArn, orderId),
          orderId,
        ),
      ),
    startDirectly: async (input, label) =>
      keepExecution(
        await runExecution(
          clients.sfn,
          target.outputs.stateMachineArn,
          executionName(target.runId, ids.next(), label),
          input,
        ),
      ),
    async notification(orderId, options) {
      const received = await receiveNotification(clients.sqs, target.queueUrl, orderId, options);
      keep(notificationsOf, orderId, [received]);
      return received;
    },
    async notifications(orderId, options) {
      const received = await receiveNotifications(clients.sqs, target.queueUrl, orderId, options);
      keep(notificationsOf, orderId, received);
      return received;
    },
    traces,
    expectNoCardData: async (orderId) => expectNoCardData(await traces(orderId)),
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
