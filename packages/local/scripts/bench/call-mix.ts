import type { MotoProfile, RecordedRequest } from '@orders/moto-server';

/**
 * The notification reader's own calls (one ReceiveMessage answers up to ten orders): the stack's run and
 * the floor's share the reader, so these are reported, not replayed.
 */
export const READER_OPERATIONS: ReadonlySet<string> = new Set([
  'sqs:ReceiveMessage',
  'sqs:DeleteMessageBatch',
]);

/** moto requests per order, by operation (`dynamodb:UpdateItem` → 3), from a run's profile. */
export function callsPerOrder(profile: MotoProfile, orders: number): Map<string, number> {
  return new Map(
    Object.entries(profile)
      .map(([operation, { count }]) => [operation, count / orders] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The calls of one order made again do not match what orders made through the stack. */
export class CallMixMismatchError extends Error {
  override readonly name = 'CallMixMismatchError';
}

/**
 * Check that the calls recorded for one order are the calls orders make on average through the stack
 * (every operation but the reader's, within half a call), so the floor makes what an order makes.
 */
export function checkCallMix(stack: ReadonlyMap<string, number>, sample: readonly RecordedRequest[]): void {
  const recorded = new Map<string, number>();
  for (const { operation } of sample) recorded.set(operation, (recorded.get(operation) ?? 0) + 1);
  const operations = new Set(
    [...stack.keys(), ...recorded.keys()].filter((op) => !READER_OPERATIONS.has(op)),
  );
  const off = [...operations].filter((op) => Math.abs((stack.get(op) ?? 0) - (recorded.get(op) ?? 0)) >= 0.5);
  if (off.length > 0) {
    throw new CallMixMismatchError(
      `the recorded order's calls are not an average order's: ${off
        .map(
          (op) =>
            `${op} ${(stack.get(op) ?? 0).toFixed(2)} per order through the stack, ${recorded.get(op) ?? 0} recorded`,
        )
        .join('; ')}`,
    );
  }
}
