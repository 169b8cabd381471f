import type { CaseContext } from './fault-case-run.js';
import { checkInvariants } from './invariants.js';
import { OrderBatch } from './order-batch.js';
import { type CaseResult, outcomeSummary } from './results-table.js';

/** How far apart the restart case starts its orders, so that the restart finds them at every step. */
const STAGGER_MS = 100;

/**
 * moto restarted in the middle of a run of orders: `orders` orders started `STAGGER_MS` apart, and once
 * the first third of them has started, moto is stopped and a new process takes its port with the same
 * state (`LocalStack.restartMoto`, moto's recorded requests replayed). Orders in flight meet refused
 * connections until it is back, and ride through on their Retry or end on their Catch.
 */
export async function runRestartCase(
  ctx: CaseContext,
  index: number,
  orders: number,
  say: (message: string) => void,
): Promise<CaseResult> {
  const batch = new OrderBatch(ctx.stack, ctx.clients, ctx.reader, `faults-${ctx.runId}-${index}`);
  await batch.seed();
  const restartAt = Math.floor(orders / 3);
  let restarting: Promise<string> | undefined;
  for (let i = 0; i < orders; i++) {
    // Not awaited: orders go on being started while moto is down.
    if (i === restartAt)
      restarting = ctx.stack.restartMoto().then((restart) => {
        const label =
          `moto · restart · down ${(restart.downMs / 1000).toFixed(1)} s ` +
          `(${restart.replayed} requests replayed in ${restart.replaySeconds.toFixed(1)} s)`;
        say(
          `  ${label}, pid ${restart.oldPid} → ${restart.newPid}; replay time by operation: ${restart.slowest}`,
        );
        return label;
      });
    batch.startMany(1, i);
    await new Promise((resolve) => setTimeout(resolve, STAGGER_MS));
  }
  const label = (await restarting) ?? 'moto · restart';
  const evidence = await batch.evidence();
  return {
    fault: label,
    faultsInjected: 1,
    orders: batch.executions.length,
    outcome: outcomeSummary(batch.executions, batch.sweep),
    violations: checkInvariants(evidence),
  };
}
