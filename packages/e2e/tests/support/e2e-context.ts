import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { OrderInputJson } from '@orders/shared-types';
import { inject } from 'vitest';
import {
  CloudWatchLambdaLogs,
  createClients,
  type E2eTarget,
  executionName,
  type FinishedExecution,
  getOrderRow,
  type LambdaLogReader,
  LocalControl,
  type ReceivedNotification,
  type ReceiveOptions,
  receiveNotification,
  receiveNotifications,
  runExecution,
  sortableIds,
} from '../../src/index.js';

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
  return {
    target,
    clients,
    control,
    logs,
    newOrderId: () => `${target.runId}-${ids.next()}`,
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
  };
}

/** A copy of an example order with `orderId` set (examples leave it out so each run is a new order). */
export function withOrderId<T extends OrderInputJson>(order: T, orderId: string): T & { orderId: string } {
  return { ...structuredClone(order), orderId };
}

/** Print why a check is skipped on this target (vitest's skip reason is easy to miss in the summary). */
export function skipReason(reason: string): string {
  console.log(`[e2e] skipped: ${reason}`);
  return reason;
}
