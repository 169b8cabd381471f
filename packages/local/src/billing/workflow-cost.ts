/**
 * Step Functions list prices (us-east-1), from the public pricing page:
 * Standard: $0.025 per 1,000 state transitions (retries count as transitions).
 * Express: $1.00 per 1M requests plus $0.00001667 per GB-second of duration, the duration rounded up
 * to the next 100 ms and the memory billed in 64 MB chunks (50 MB + definition + data, estimated).
 */
export const PRICES = {
  standardPerTransition: 0.025 / 1000,
  expressPerRequest: 1 / 1_000_000,
  expressPerGbSecond: 0.00001667,
} as const;

/** The events of an execution history that decide its bill (only `type` is read). */
export interface BilledEvent {
  readonly type: string;
}

/**
 * Billable state transitions of a Standard execution: every state entered, plus every retry (a Task
 * scheduled again after a failure is another transition).
 */
export function billableTransitions(events: readonly BilledEvent[]): number {
  let entered = 0;
  let taskEntered = 0;
  let scheduled = 0;
  for (const { type } of events) {
    if (type.endsWith('StateEntered')) entered++;
    if (type === 'TaskStateEntered') taskEntered++;
    if (type === 'TaskScheduled' || type === 'LambdaFunctionScheduled' || type === 'ActivityScheduled')
      scheduled++;
  }
  return entered + Math.max(0, scheduled - taskEntered);
}

/** Cost of one Standard execution with `transitions` state transitions. */
export function standardCost(transitions: number): number {
  return transitions * PRICES.standardPerTransition;
}

/** Billed memory of an Express execution: 50 MB + definition + data, in 64 MB chunks. */
export function expressBilledMemoryMb(definitionBytes: number, dataBytes: number): number {
  const used = 50 + (definitionBytes + dataBytes) / (1024 * 1024);
  return Math.ceil(used / 64) * 64;
}

/** Cost of one Express execution that ran `durationMs` with `memoryMb` billed memory. */
export function expressCost(durationMs: number, memoryMb: number): number {
  const billedSeconds = Math.max(1, Math.ceil(durationMs / 100)) / 10;
  return PRICES.expressPerRequest + billedSeconds * (memoryMb / 1024) * PRICES.expressPerGbSecond;
}
