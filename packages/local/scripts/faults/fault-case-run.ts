import type { LocalStack } from '../../src/index.js';
import type { localClients } from '../internal/local-clients.js';
import type { NotificationReader } from '../internal/notification-reader.js';
import type { FaultCase, Injection } from './fault-plan.js';
import { checkInvariants } from './invariants.js';
import { OrderBatch } from './order-batch.js';
import { type CaseResult, outcomeSummary } from './results-table.js';

/** What a case run needs from the script: the stack, its clients, the notification reader, a run id. */
export interface CaseContext {
  readonly stack: LocalStack;
  readonly clients: ReturnType<typeof localClients>;
  readonly reader: NotificationReader;
  readonly runId: string;
  /** Orders per case, the one that meets the fault included. */
  readonly ordersPerCase: number;
}

/** The fault was injected but the order meant to meet it ended without taking it all: the plan is wrong. */
export class FaultNotMetError extends Error {
  override readonly name = 'FaultNotMetError';
}

/** `Record Processed Order · permanent · DynamoDB.InternalServerErrorException ×6`. */
export function faultLabel(c: FaultCase): string {
  const after = c.with.map((w) => ` (after ${w.state} ×${w.count})`).join('');
  return `${c.state} · ${c.kind} · ${c.fault.error} ×${c.fault.count}${after}`;
}

/**
 * Run one fault case: inject its faults, send the one order that meets them alone (so no other order takes
 * a share and a permanent fault really outlasts the Retry), and once it has taken them all, the rest of the
 * batch; then check the invariants on what they left.
 */
export async function runFaultCase(ctx: CaseContext, c: FaultCase, index: number): Promise<CaseResult> {
  const batch = new OrderBatch(ctx.stack, ctx.clients, ctx.reader, `faults-${ctx.runId}-${index}`);
  await batch.seed();
  let original: string | undefined;
  if (c.path === 'duplicate') {
    // The order the duplicate re-submits, run before any fault is waiting.
    const first = batch.start('good');
    await first.done;
    original = first.orderId;
  }
  const injections: Injection[] = [...c.with, c.fault];
  for (const i of injections) ctx.stack.faults.inject({ state: i.state }, { count: i.count, error: i.error });
  const target = batch.start(c.path, original);
  const ended = target.done.then(() => true);
  while (pendingOf(ctx.stack, injections) > 0) {
    if (await Promise.race([ended, sleep(50).then(() => false)])) break;
  }
  const left = pendingOf(ctx.stack, injections);
  if (left > 0) {
    for (const i of injections) ctx.stack.faults.clear({ state: i.state });
    throw new FaultNotMetError(
      `${faultLabel(c)}: order ${target.orderId} ended with ${left} of its faults not taken ` +
        `(${batch.executions.map((e) => `${e.status} ${e.error ?? ''}`).join('; ')})`,
    );
  }
  batch.startMany(ctx.ordersPerCase - (original === undefined ? 1 : 2));
  const evidence = await batch.evidence();
  return {
    fault: faultLabel(c),
    faultsInjected: injections.length,
    orders: batch.executions.length,
    outcome: outcomeSummary(batch.executions, batch.sweep),
    violations: checkInvariants(evidence),
  };
}

function pendingOf(stack: LocalStack, injections: readonly Injection[]): number {
  const pending = stack.faults.pendingByState();
  return injections.reduce((n, i) => n + (pending[i.state] ?? 0), 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
