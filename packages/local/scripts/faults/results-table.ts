import { INVARIANTS, type Invariant, type Violation } from './invariants.js';

/** One line of the table: a fault and what the orders run with it came to. */
export interface CaseResult {
  /** `Task · kind · error ×count`. */
  readonly fault: string;
  /** Faults it injected (a case may inject a prerequisite fault too). */
  readonly faultsInjected: number;
  readonly orders: number;
  /** Executions by final status (with the error for failed ones), e.g. `SUCCEEDED 7, FAILED(OutOfStock) 1`. */
  readonly outcome: string;
  readonly violations: readonly Violation[];
}

const COLUMNS: ReadonlyArray<[Invariant, string]> = [
  ['charged', 'charged⇒recorded'],
  ['processed', 'processed⇒charged'],
  ['reserved', 'reserved⇒released|sold'],
  ['notified', 'recorded⇒notified|outbox'],
];

/** The results as a table, then the totals, then one line per violation. */
export function renderResults(results: readonly CaseResult[]): string {
  const header = [
    'fault (Task · kind · error ×count)',
    'orders',
    'outcome (executions by status)',
    ...COLUMNS.map(([, h]) => h),
  ];
  const rows = results.map((r) => {
    const broken = new Set(r.violations.map((v) => v.invariant));
    return [r.fault, String(r.orders), r.outcome, ...COLUMNS.map(([key]) => (broken.has(key) ? '✗' : '✓'))];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const violations = results.flatMap((r) => r.violations.map((v) => ({ ...v, fault: r.fault })));
  const out = [line(header), rule, ...rows.map(line), ''];
  out.push(`faults injected: ${results.reduce((n, r) => n + r.faultsInjected, 0)}`);
  out.push(`orders run:      ${results.reduce((n, r) => n + r.orders, 0)}`);
  out.push(`violations:      ${violations.length}`);
  for (const v of violations)
    out.push(`VIOLATION ${v.subject}: ${INVARIANTS[v.invariant]}: ${v.detail} [${v.fault}]`);
  return `${out.join('\n')}\n`;
}

/**
 * `SUCCEEDED 7, FAILED(OutOfStock) 1`: executions counted by status, failed ones by error too, most first;
 * then what the sweeper did, if it ran.
 */
export function outcomeSummary(
  executions: ReadonlyArray<{ status: string; error?: string | undefined }>,
  sweep?: { found: number; released: number; closed: number },
): string {
  const counts = new Map<string, number>();
  for (const e of executions) {
    const key = e.status === 'SUCCEEDED' || e.error === undefined ? e.status : `${e.status}(${e.error})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const byCount = [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
  const swept =
    sweep === undefined
      ? ''
      : `; sweeper: ${sweep.found} found, ${sweep.released} released, ${sweep.closed} closed`;
  return `${byCount.map(([key, n]) => `${key} ${n}`).join(', ')}${swept}`;
}
