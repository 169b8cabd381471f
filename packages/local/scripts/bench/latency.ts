/** Percentiles of one run's per-order latencies (ms), nearest-rank. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Summarise `latencies` (ms); NaN for every figure of an empty run. */
export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { count: sorted.length, p50: pct(50), p90: pct(90), p99: pct(99), max: sorted.at(-1) ?? NaN };
}
