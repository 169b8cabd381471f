import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';

// The execution named by an order id: one derivation for every tool (shared-types).
export { executionArnOf } from '@orders/shared-types';

/** Poll DescribeExecution until the execution is no longer RUNNING. */
export async function waitForExecution(
  sfn: SFNClient,
  executionArn: string,
  { intervalMs = 25, timeoutMs = 30_000 } = {},
): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    if (Date.now() > deadline)
      throw new Error(`execution ${executionArn} still RUNNING after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The whole history, following nextToken. */
export async function fullHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

/** Names of the states entered, in order, with consecutive repeats folded (`Check stock ×3`). */
export function statesPassed(events: readonly HistoryEvent[]): string[] {
  const names = events.flatMap((e) =>
    e.stateEnteredEventDetails?.name === undefined ? [] : [e.stateEnteredEventDetails.name],
  );
  const folded: Array<{ name: string; count: number }> = [];
  for (const name of names) {
    const last = folded.at(-1);
    if (last?.name === name) last.count++;
    else folded.push({ name, count: 1 });
  }
  return folded.map(({ name, count }) => (count > 1 ? `${name} ×${count}` : name));
}
