import {
  type CloudWatchLogsClient,
  FilterLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';

/** Where the lines the Lambda functions wrote can be read: the local stack, or CloudWatch Logs on AWS. */
export interface LambdaLogReader {
  /** Every line the functions (or one of them) wrote, oldest first per function. */
  lambdaLogs(functionName?: string): Promise<string[]>;
}

/**
 * The Lambda log lines of a deployed stack, read from each function's log group (`/aws/lambda/<name>`,
 * as the infra program creates it) since `sinceMs`. CloudWatch delivers lines some seconds late: callers
 * poll until the lines they expect are there (see waitForLogLines).
 */
export class CloudWatchLambdaLogs implements LambdaLogReader {
  constructor(
    private readonly logs: CloudWatchLogsClient,
    private readonly functionNames: readonly string[],
    private readonly sinceMs: number,
  ) {}

  async lambdaLogs(functionName?: string): Promise<string[]> {
    const names = functionName === undefined ? this.functionNames : [functionName];
    const lines: string[] = [];
    for (const name of names) lines.push(...(await this.#read(`/aws/lambda/${name}`)));
    return lines;
  }

  async #read(logGroupName: string): Promise<string[]> {
    const lines: string[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await this.logs.send(
          new FilterLogEventsCommand({
            logGroupName,
            startTime: this.sinceMs,
            ...(nextToken ? { nextToken } : {}),
          }),
        );
        for (const event of page.events ?? []) lines.push((event.message ?? '').replace(/\n$/, ''));
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      // No invocation yet means no log group yet (when the program did not create it): no lines.
      if (error instanceof ResourceNotFoundException) return lines;
      throw error;
    }
    return lines;
  }
}

/** Poll `reader` until `ready(lines)` holds (logs arrive late on AWS); returns the last lines read. */
export async function waitForLogLines(
  reader: LambdaLogReader,
  ready: (lines: string[]) => boolean,
  { timeoutMs = 90_000, intervalMs = 2_000 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = await reader.lambdaLogs();
    if (ready(lines) || Date.now() >= deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
