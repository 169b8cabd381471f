import { type LatencySummary, summarize } from './latency.js';
import type { PoolRun } from './run-pool.js';
import type { StateTimes } from './state-times.js';

/** One measured run: through the stack or the floor, at one concurrency. */
export interface MeasuredRun {
  readonly kind: 'stack' | 'floor';
  readonly inFlight: number;
  readonly orders: number;
  readonly run: PoolRun;
  /** moto requests per order, by operation. */
  readonly calls: ReadonlyMap<string, number>;
  /** CPU ms per order: this process (the stack, its Lambda workers, the bench) and moto's. */
  readonly cpuMs: { readonly node: number; readonly moto: number };
}

const rate = (run: PoolRun) => run.latencies.length / run.seconds;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The compact table the bench prints: each run, then per concurrency the efficiency and latency ratio. */
export function report(runs: readonly MeasuredRun[]): string {
  const rows: string[][] = [
    [
      'run',
      'in flight',
      'orders',
      'failed',
      'orders/s',
      'p50',
      'p90',
      'p99',
      'moto calls',
      'CPU node',
      'CPU moto',
    ],
  ];
  for (const { kind, inFlight, orders, run, calls, cpuMs } of runs) {
    const latency: LatencySummary = summarize(run.latencies);
    const total = [...calls.values()].reduce((a, b) => a + b, 0);
    rows.push([
      kind,
      String(inFlight),
      String(orders),
      String(run.failures.length),
      rate(run).toFixed(1),
      ms(latency.p50),
      ms(latency.p90),
      ms(latency.p99),
      total.toFixed(2),
      ms(cpuMs.node),
      ms(cpuMs.moto),
    ]);
  }
  const lines = table(rows);
  lines.push(
    '(latency: the stack from POST /orders to the notification arriving in the queue, the floor from its first moto call to it)',
    '(moto calls and CPU are per order; CPU node is this process: the stack, its Lambda workers, the bench)',
  );
  lines.push('');
  for (const inFlight of [...new Set(runs.map((r) => r.inFlight))]) {
    const stack = runs.find((r) => r.kind === 'stack' && r.inFlight === inFlight);
    const floor = runs.find((r) => r.kind === 'floor' && r.inFlight === inFlight);
    if (stack === undefined || floor === undefined) continue;
    const p50 = summarize(stack.run.latencies).p50 / summarize(floor.run.latencies).p50;
    lines.push(
      `${inFlight} in flight: efficiency ${(rate(stack.run) / rate(floor.run)).toFixed(2)} ` +
        `(${rate(stack.run).toFixed(1)} ÷ ${rate(floor.run).toFixed(1)} orders/s), p50 ${p50.toFixed(1)} × the floor's`,
    );
  }
  lines.push('', 'moto calls per order (stack / floor), by operation:');
  const operations = [...new Set(runs.flatMap((r) => [...r.calls.keys()]))].sort();
  const callRows = [['operation', ...runs.map((r) => `${r.kind} ${r.inFlight}`)]];
  for (const op of operations) callRows.push([op, ...runs.map((r) => (r.calls.get(op) ?? 0).toFixed(2))]);
  lines.push(...table(callRows));
  for (const { kind, inFlight, run } of runs)
    for (const failure of run.failures.slice(0, 5)) lines.push(`  ${kind} ${inFlight} failure ${failure}`);
  return `${lines.join('\n')}\n`;
}

function table(rows: readonly string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
  );
}

/** Where one order's time goes through the stack at 1 in flight: each step's median, from the histories. */
export function stepReport(steps: StateTimes, orders: number): string {
  const rows = [
    ['step (1 in flight)', `median of ${orders}`],
    ...steps.map(([step, median]) => [step, ms(median)]),
  ];
  return `\n${table(rows).join('\n')}\n`;
}
