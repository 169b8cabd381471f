import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** Every event of an execution's history, oldest first (follows nextToken). */
export async function executionHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Names of the states the execution entered, in order (a state retried or looped appears once per entry). */
export function statesVisited(events: readonly HistoryEvent[]): string[] {
  return events.flatMap((event) => {
    const name = event.stateEnteredEventDetails?.name;
    return name === undefined ? [] : [name];
  });
}

/** Type names of the task failures in the history (e.g. `LambdaFunctionFailed`, `TaskFailed`), in order. */
export function taskFailures(events: readonly HistoryEvent[]): Array<{ type: string; error?: string }> {
  return events.flatMap((event) => {
    const details = event.taskFailedEventDetails ?? event.lambdaFunctionFailedEventDetails;
    if (details === undefined) return [];
    return [
      { type: event.type ?? 'unknown', ...(details.error !== undefined ? { error: details.error } : {}) },
    ];
  });
}

/**
 * Every piece of text the history carries after the execution started: state inputs and outputs, task
 * parameters and results, errors and causes. The ExecutionStarted event is left out on purpose: its input
 * is the order as submitted, which legitimately holds the card number.
 */
export function historyTextAfterStart(events: readonly HistoryEvent[]): string[] {
  return events
    .filter((event) => event.type !== 'ExecutionStarted')
    .map((event) => {
      const { executionStartedEventDetails: _started, ...rest } = event;
      return JSON.stringify(rest);
    });
}
