/**
 * What an execution history says about each state: entered or not, and how it went. Pure functions of
 * the events GetExecutionHistory returns (ids, previousEventId links, types), so the page and the tests
 * read a history the same way.
 */
import { billableTransitions } from '@orders/local/billing';

export interface HistoryEventLike {
  readonly id: number;
  readonly previousEventId?: number;
  readonly type: string;
  readonly timestamp?: number;
  readonly [details: string]: unknown;
}

/**
 * How a state went: `succeeded` (left normally, first attempt), `retried` (left normally after a Retry),
 * `caught` (failed and a Catch moved on), `failed` (the failure ended it, or a Fail state), `running`
 * (entered, not left yet), `stopped` (entered, never left, nothing failed: the execution ended around it).
 */
export type StateStatus = 'succeeded' | 'retried' | 'caught' | 'failed' | 'running' | 'stopped';

export interface StateVisit {
  readonly name: string;
  /** The state type as the history names it: `Task`, `Parallel`, `Choice`, `Fail`, … */
  readonly type: string;
  readonly status: StateStatus;
  /** How many times it was entered. */
  readonly entered: number;
  /** Attempts beyond the first (Task retries), over every entry. */
  readonly retries: number;
  /** The last entry's input and output, as the history gives them (JSON text). */
  readonly input?: string;
  readonly output?: string;
  /** The last failure inside the state. */
  readonly error?: string;
  readonly cause?: string;
  /** The ids of the events that belong to it (its entries, tasks, exits). */
  readonly eventIds: readonly number[];
}

/** A transition taken, by state name; `start`/`end` are the execution's, `<name>#join` a Parallel's join. */
export interface Transition {
  readonly from: string;
  readonly to: string;
}

export interface HistoryReading {
  /** Every state entered, by name. */
  readonly states: ReadonlyMap<string, StateVisit>;
  readonly transitions: readonly Transition[];
  /** The input's `orderId`, when it has one (else the workflow uses the execution name). */
  readonly orderId?: string;
  /** Standard billing: states entered plus retries. */
  readonly billableTransitions: number;
  /** The state each event belongs to (for the event table's Step column). */
  readonly stepOf: ReadonlyMap<number, string>;
}

export const JOIN = '#join';
export const START = 'start';
export const END = 'end';

const FAILURE = /(Failed|TimedOut|StartFailed|SubmitFailed)$/;
const SCHEDULED = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);
const COMPOSITE_FAILED = new Set(['ParallelStateFailed', 'MapStateFailed']);

interface MutableVisit {
  name: string;
  type: string;
  entered: number;
  scheduled: number;
  failures: number;
  /** The last attempt, or the state itself, failed (nothing succeeded after the last failure). */
  lastFailed: boolean;
  exited: boolean;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  eventIds: number[];
}

function details(event: HistoryEventLike): Record<string, unknown> {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null)
      return value as Record<string, unknown>;
  }
  return {};
}

/** Read a history (oldest first); `executionStatus` tells an unfinished state from an abandoned one. */
export function readHistory(
  events: readonly HistoryEventLike[],
  executionStatus: string,
  executionName?: string,
): HistoryReading {
  const byId = new Map(events.map((e) => [e.id, e]));
  const ownerOf = new Map<number, string>();
  const visits = new Map<string, MutableVisit>();
  const transitions: Transition[] = [];
  /** The Parallel/Map a state runs inside, by name. */
  const parentOf = new Map<string, string>();
  /** Exit events by id, and the ids of those a transition left from. */
  const exits = new Map<number, string>();
  const leftFrom = new Set<number>();
  const typeOf = (name: string) => visits.get(name)?.type;
  const leave = (name: string) => {
    const type = typeOf(name);
    return type === 'Parallel' || type === 'Map' ? `${name}${JOIN}` : name;
  };

  const owner = (event: HistoryEventLike): string | undefined => {
    const known = ownerOf.get(event.id);
    if (known !== undefined) return known;
    if (event.type.endsWith('StateEntered')) return details(event).name as string | undefined;
    const previous = event.previousEventId === undefined ? undefined : byId.get(event.previousEventId);
    if (previous === undefined || previous.type.startsWith('Execution')) return undefined;
    return owner(previous);
  };

  let orderId: string | undefined;
  for (const event of events) {
    const d = details(event);
    if (event.type === 'ExecutionStarted') {
      orderId = orderIdOf(d.input) ?? orderId;
      continue;
    }
    if (event.type.startsWith('Execution')) {
      if (event.type === 'ExecutionSucceeded') {
        const previous = event.previousEventId === undefined ? undefined : byId.get(event.previousEventId);
        const from = previous === undefined ? undefined : owner(previous);
        if (from !== undefined) transitions.push({ from: leave(from), to: END });
        if (previous !== undefined) leftFrom.add(previous.id);
      }
      continue;
    }
    const name = owner(event);
    if (name === undefined) continue;
    ownerOf.set(event.id, name);

    if (event.type.endsWith('StateEntered')) {
      const type = event.type.slice(0, -'StateEntered'.length);
      const visit: MutableVisit = visits.get(name) ?? {
        name,
        type,
        entered: 0,
        scheduled: 0,
        failures: 0,
        lastFailed: false,
        exited: false,
        eventIds: [],
      };
      visit.entered++;
      visit.exited = false;
      visit.lastFailed = false;
      if (typeof d.input === 'string') visit.input = d.input;
      else delete visit.input;
      delete visit.output;
      visit.eventIds.push(event.id);
      visits.set(name, visit);
      const previous = event.previousEventId === undefined ? undefined : byId.get(event.previousEventId);
      if (previous?.type === 'ExecutionStarted') transitions.push({ from: START, to: name });
      else if (previous?.type.endsWith('StateExited')) {
        const from = owner(previous);
        leftFrom.add(previous.id);
        if (from !== undefined) {
          transitions.push({ from: leave(from), to: name });
          const parent = parentOf.get(from);
          if (parent !== undefined) parentOf.set(name, parent);
        }
      } else if (previous?.type === 'ParallelStateStarted' || previous?.type === 'MapIterationStarted') {
        const from = owner(previous);
        if (from !== undefined) {
          transitions.push({ from, to: name });
          parentOf.set(name, from);
        }
      }
      continue;
    }
    const visit = visits.get(name);
    if (visit === undefined) continue;
    visit.eventIds.push(event.id);
    if (SCHEDULED.has(event.type)) {
      visit.scheduled++;
      visit.lastFailed = false;
    } else if (
      COMPOSITE_FAILED.has(event.type) ||
      (FAILURE.test(event.type) && !event.type.endsWith('StateExited'))
    ) {
      visit.failures++;
      visit.lastFailed = true;
      if (typeof d.error === 'string') visit.error = d.error;
      if (typeof d.cause === 'string') visit.cause = d.cause;
    } else if (event.type.endsWith('Succeeded') && !COMPOSITE_FAILED.has(event.type)) {
      visit.lastFailed = false;
    } else if (event.type.endsWith('StateExited')) {
      visit.exited = true;
      if (typeof d.output === 'string') visit.output = d.output;
      exits.set(event.id, name);
    }
  }
  // The last state of a branch that finished leaves to its Parallel's join.
  for (const [id, name] of exits) {
    const parent = parentOf.get(name);
    if (!leftFrom.has(id) && parent !== undefined) transitions.push({ from: name, to: `${parent}${JOIN}` });
  }

  const states = new Map<string, StateVisit>();
  for (const v of visits.values()) {
    // A caught error's name and cause are in the output the Catch passed on (a Parallel's own failed
    // event carries none: the error comes from a state inside it).
    if (v.lastFailed && v.error === undefined && v.output !== undefined) {
      const caught = errorOf(v.output);
      if (caught !== undefined) Object.assign(v, caught);
    }
    const status = statusOf(v, executionStatus);
    states.set(v.name, {
      name: v.name,
      type: v.type,
      status,
      entered: v.entered,
      retries: Math.max(0, v.scheduled - v.entered),
      ...(v.input === undefined ? {} : { input: v.input }),
      ...(v.output === undefined ? {} : { output: v.output }),
      ...(v.error === undefined ? {} : { error: v.error }),
      ...(v.cause === undefined ? {} : { cause: v.cause }),
      eventIds: v.eventIds,
    });
  }
  return {
    states,
    transitions,
    ...(orderId !== undefined ? { orderId } : executionName === undefined ? {} : { orderId: executionName }),
    billableTransitions: billableTransitions(events),
    stepOf: ownerOf,
  };
}

function statusOf(v: MutableVisit, executionStatus: string): StateStatus {
  if (v.type === 'Fail') return 'failed';
  if (v.exited) {
    if (v.lastFailed) return 'caught';
    return v.scheduled > v.entered ? 'retried' : 'succeeded';
  }
  if (v.lastFailed) return 'failed';
  return executionStatus === 'RUNNING' ? 'running' : 'stopped';
}

function errorOf(output: string): { error: string; cause?: string } | undefined {
  try {
    const parsed = JSON.parse(output) as { Error?: unknown; Cause?: unknown };
    if (typeof parsed?.Error !== 'string') return undefined;
    return { error: parsed.Error, ...(typeof parsed.Cause === 'string' ? { cause: parsed.Cause } : {}) };
  } catch {
    return undefined;
  }
}

function orderIdOf(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  try {
    const parsed = JSON.parse(input) as { orderId?: unknown };
    return typeof parsed?.orderId === 'string' ? parsed.orderId : undefined;
  } catch {
    return undefined;
  }
}
