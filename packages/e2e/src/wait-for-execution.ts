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
  readonly intervalMs?: number;
}

/** Poll DescribeExecution until the execution leaves RUNNING; returns the final description. */
export async function waitForExecution(
  sfn: SFNClient,
  executionArn: string,
  { timeoutMs = 60_000, intervalMs = 200 }: WaitOptions = {},
): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const description = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (description.status !== 'RUNNING' && description.status !== 'PENDING_REDRIVE') return description;
    if (Date.now() >= deadline) throw new ExecutionStillRunningError(executionArn, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
