/**
 * Order id and billable transitions of listed executions, fetched only for the rows on screen
 * (DescribeExecution for the input's orderId, GetExecutionHistory without data for the count), a few at a
 * time; a closed execution never changes, so its summary is kept.
 */
import { stepFunctions } from './api.js';
import { readHistory } from './history.js';

export interface Summary {
  readonly orderId: string;
  readonly transitions: number;
  /** The execution's status when this was read: a RUNNING one is read again once it changes. */
  readonly status: string;
}

const IN_FLIGHT = 4;
const cache = new Map<string, Summary>();
const wanted = new Map<string, string>();
const loading = new Set<string>();
const listeners = new Set<() => void>();
let active = 0;

export function summaryOf(executionArn: string): Summary | undefined {
  return cache.get(executionArn);
}

/** Ask for the summary of an execution whose listed status is `status` (no-op when it is current). */
export function want(executionArn: string, status: string): void {
  const known = cache.get(executionArn);
  if (known !== undefined && (known.status === status || known.status !== 'RUNNING')) return;
  if (loading.has(executionArn)) return;
  wanted.set(executionArn, status);
  pump();
}

/** Called after summaries arrive (batched per animation frame). */
export function onSummaries(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let notifyScheduled = false;
function notify(): void {
  if (notifyScheduled) return;
  notifyScheduled = true;
  requestAnimationFrame(() => {
    notifyScheduled = false;
    for (const listener of listeners) listener();
  });
}

function pump(): void {
  while (active < IN_FLIGHT && wanted.size > 0) {
    const [arn] = wanted.keys() as IterableIterator<string>;
    if (arn === undefined) return;
    wanted.delete(arn);
    loading.add(arn);
    active++;
    void load(arn).finally(() => {
      loading.delete(arn);
      active--;
      pump();
    });
  }
}

async function load(executionArn: string): Promise<void> {
  try {
    const [described, events] = await Promise.all([
      stepFunctions.describeExecution(executionArn),
      stepFunctions.history(executionArn, false),
    ]);
    const reading = readHistory(events, described.status, described.name);
    let orderId = reading.orderId ?? described.name;
    try {
      const input = JSON.parse(described.input ?? '{}') as { orderId?: unknown };
      if (typeof input.orderId === 'string') orderId = input.orderId;
    } catch {
      // not JSON: the execution name is the order id
    }
    cache.set(executionArn, { orderId, transitions: reading.billableTransitions, status: described.status });
    notify();
  } catch (error) {
    console.warn('summary of', executionArn, error);
  }
}
