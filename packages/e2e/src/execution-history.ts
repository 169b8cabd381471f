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
 * The text of everything the execution produced: every task result, every error cause and the execution's
 * output (inputs and task parameters left out). The card-data check reads whole events instead
 * (scanForCardData): since the intake API tokenizes the card, no input holds one either.
 */
export function historyOutputs(events: readonly HistoryEvent[]): string[] {
  return events.flatMap((event) => {
    const texts = [
      event.taskSucceededEventDetails?.output,
      event.lambdaFunctionSucceededEventDetails?.output,
      event.executionSucceededEventDetails?.output,
      event.taskFailedEventDetails?.cause,
      event.lambdaFunctionFailedEventDetails?.cause,
      event.executionFailedEventDetails?.cause,
    ];
    return texts.filter((text): text is string => text !== undefined);
  });
}
