import type { Clock, HistoryEvent } from '../types.js';

/** A causal chain in the history: events of one branch / iteration link to the previous one. */
export interface HistoryThread {
  last: number;
}

/** Appends GetExecutionHistory-shaped events with ids, previous ids and timestamps. */
export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    readonly enabled: boolean,
    private readonly onEvent?: (e: HistoryEvent) => void,
  ) {}

  /** Adds an event (details under `<type>EventDetails` unless `detailsKey` is given). Returns its id. */
  add(thread: HistoryThread, type: string, details?: Record<string, unknown>, detailsKey?: string): number {
    const id = this.nextId++;
    if (!this.enabled && !this.onEvent) {
      thread.last = id;
      return id;
    }
    const e: HistoryEvent = { id, previousEventId: thread.last, timestamp: new Date(this.clock.now()), type };
    if (details) e[detailsKey ?? type.charAt(0).toLowerCase() + type.slice(1) + 'EventDetails'] = details;
    thread.last = id;
    if (this.enabled) this.events.push(e);
    this.onEvent?.(e);
    return id;
  }

  /** True when events are observed (so details are worth building). */
  get active(): boolean {
    return this.enabled || this.onEvent !== undefined;
  }
}
