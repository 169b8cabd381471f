import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** Median ms per step of an order through the stack, from its execution history's timestamps. */
export type StateTimes = ReadonlyArray<readonly [step: string, medianMs: number]>;

/**
 * Where the orders' time went, step by step: each state from entered to exited (a Parallel's branches
 * inside it, indented), then from the execution's end to the notification's arrival. `ends` maps each
 * execution ARN to the notification's arrival (ms since the epoch).
 */
export async function stateTimes(sfn: SFNClient, ends: ReadonlyMap<string, number>): Promise<StateTimes> {
  const steps = new Map<string, number[]>();
  const add = (step: string, ms: number) => steps.set(step, [...(steps.get(step) ?? []), ms]);
  for (const [executionArn, notifiedAt] of ends) {
    const { events = [] } = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
    );
    const entered = new Map<string, { at: number; step: string }>();
    let depth = 0;
    for (const event of events) {
      const at = event.timestamp?.getTime() ?? Number.NaN;
      const name = enteredName(event);
      if (name !== undefined) {
        // Steps are listed in the order they are entered; a Parallel's branches indented under it.
        const step = `${'  '.repeat(depth)}${name}`;
        if (!steps.has(step)) steps.set(step, []);
        entered.set(name, { at, step });
        if (event.type === 'ParallelStateEntered') depth++;
        continue;
      }
      const exited = event.stateExitedEventDetails?.name;
      const start = exited === undefined ? undefined : entered.get(exited);
      if (start !== undefined) add(start.step, at - start.at);
      if (event.type === 'ParallelStateExited') depth--;
      if (event.type === 'ExecutionSucceeded')
        add('notification received − ExecutionSucceeded event', notifiedAt - at);
    }
  }
  return [...steps].map(([step, values]) => [step, median(values)] as const);
}

function enteredName(event: HistoryEvent): string | undefined {
  return event.type?.endsWith('StateEntered') ? event.stateEnteredEventDetails?.name : undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
