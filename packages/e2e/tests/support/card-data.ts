import { expect } from 'vitest';
import {
  type CardDataFinding,
  type FinishedExecution,
  type ReceivedNotification,
  scanForCardData,
} from '../../src/index.js';

/** Everything one order left behind that can hold card data, gathered by the scenario's context. */
export interface OrderTraces {
  readonly orderId: string;
  /** Every execution that ran the order (through the API, or started directly). */
  readonly executions: readonly FinishedExecution[];
  /** Its rows in the Orders table (one, or none when it was refused before the claim). */
  readonly rows: readonly Record<string, unknown>[];
  /** The notifications about it that the scenario took off the queue, SNS envelope included. */
  readonly notifications: readonly ReceivedNotification[];
  /** The Lambda log lines that name it (on AWS, those CloudWatch Logs has delivered so far). */
  readonly logLines: readonly string[];
}

/** The card data in an order's traces, each finding's path rooted at what it was found in. */
export function cardDataIn(traces: OrderTraces): CardDataFinding[] {
  return scanForCardData({
    executions: traces.executions.map((e) => ({
      name: e.name,
      input: e.description.input,
      output: e.description.output,
      cause: e.description.cause,
      history: e.history,
    })),
    rows: traces.rows,
    notifications: traces.notifications.map((n) => n.body),
    logLines: traces.logLines,
  });
}

/**
 * No card number and no full expiry anywhere in the order's traces. The order must have run (an order
 * never submitted would leave nothing to find); the findings are printed masked.
 */
export function expectNoCardData(traces: OrderTraces): void {
  expect(traces.executions.length, `executions of order ${traces.orderId} to scan`).toBeGreaterThan(0);
  const findings = cardDataIn(traces);
  // The paths on the message's first line (what a report shows first), the masked excerpts in the diff.
  expect(
    findings.map((f) => `${f.kind} at ${f.path}: ${f.excerpt}`),
    `card data left behind by order ${traces.orderId} at ${findings.map((f) => f.path).join(', ')}`,
  ).toEqual([]);
}
