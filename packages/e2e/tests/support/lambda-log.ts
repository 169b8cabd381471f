import type { LocalControl } from '../../src/index.js';

/** One structured line a Lambda wrote (the handlers log one JSON object per line). */
export interface LambdaLogEntry {
  readonly message?: string;
  readonly correlationId?: string;
  readonly chargeId?: string;
  readonly [field: string]: unknown;
}

/** The JSON lines `functionName` wrote about `orderId` (the handlers' correlation id is the order id). */
export async function orderLogEntries(
  control: LocalControl,
  functionName: string,
  orderId: string,
): Promise<LambdaLogEntry[]> {
  const lines = await control.lambdaLogs(functionName);
  return lines.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as LambdaLogEntry;
      return entry.correlationId === orderId ? [entry] : [];
    } catch {
      return []; // runtime lines (START/END/REPORT) are not JSON
    }
  });
}

/**
 * What charge-payment's log says was charged for one order.
 *
 * Counted as charges: successful invocations that were not replays of an earlier charge (the provider
 * answers a repeated idempotency key with the first receipt).
 */
export function chargesIn(entries: readonly LambdaLogEntry[]): { charges: number; chargeIds: string[] } {
  const succeeded = entries.filter((e) => e.message === 'invocation succeeded');
  const replayed = entries.filter((e) => e.message === 'charge replayed for an order already charged');
  const chargeIds = [
    ...new Set(succeeded.flatMap((e) => (typeof e.chargeId === 'string' ? [e.chargeId] : []))),
  ];
  return { charges: succeeded.length - replayed.length, chargeIds };
}
