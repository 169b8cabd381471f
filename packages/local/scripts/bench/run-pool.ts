/** What one measured run gives: its wall time, each order's latency (ms) and the orders that failed. */
export interface PoolRun {
  readonly seconds: number;
  readonly latencies: readonly number[];
  readonly failures: readonly string[];
}

/**
 * Run `total` orders with `inFlight` of them at a time (each worker starts the next as soon as its order
 * ends); `one(i)` answers the order's latency in ms. A failed order is counted, not retried.
 */
export async function runPool(
  total: number,
  inFlight: number,
  one: (i: number) => Promise<number>,
  onProgress: (done: number) => void = () => undefined,
): Promise<PoolRun> {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      await one(i).then(
        (ms) => latencies.push(ms),
        (error: unknown) => failures.push(`${i}: ${(error as Error).message}`),
      );
      onProgress(++done);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies, failures };
}
