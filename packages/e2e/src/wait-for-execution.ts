import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  type SFNClient,
} from '@aws-sdk/client-sfn';

/** The execution was still RUNNING when the wait gave up. */
export class ExecutionStillRunningError extends Error {
  override readonly name = 'ExecutionStillRunningError';
  constructor(
    readonly executionArn: string,
    timeoutMs: number,
  ) {
    super(`execution ${executionArn} still RUNNING after ${timeoutMs} ms`);
  }
}

export interface WaitOptions {
  readonly timeoutMs?: number;
  /** The longest pause between two DescribeExecution calls; default 200 ms. */
  readonly intervalMs?: number;
  /** The first pause; each next one doubles, up to `intervalMs`. Default 10 ms. */
  readonly firstIntervalMs?: number;
}

/**
 * The pauses between DescribeExecution calls: `first`, doubling up to `max`. A local execution ends in
 * tens of milliseconds, so a fixed 200 ms poll spent most of each wait asleep after it had ended; on AWS
 * the first second costs five extra calls.
 */
export function pollIntervals(first: number, max: number): () => number {
  let next = Math.min(first, max);
  return () => {
    const pause = next;
    next = Math.min(next * 2, max);
    return pause;
  };
}

/** Poll DescribeExecution until the execution leaves RUNNING; returns the final description. */
export async function waitForExecution(
  sfn: SFNClient,
  executionArn: string,
  { timeoutMs = 60_000, intervalMs = 200, firstIntervalMs = 10 }: WaitOptions = {},
): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  const pause = pollIntervals(firstIntervalMs, intervalMs);
  for (;;) {
    const description = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (description.status !== 'RUNNING' && description.status !== 'PENDING_REDRIVE') return description;
    if (Date.now() >= deadline) throw new ExecutionStillRunningError(executionArn, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, pause()));
  }
}
