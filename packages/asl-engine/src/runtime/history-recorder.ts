import type { Clock, HistoryEvent } from '../types.js';

/** Shared `…Details` value: payloads are never truncated here. */
export const NOT_TRUNCATED: { readonly truncated: false } = Object.freeze({ truncated: false });

/**
 * A payload recorded in an event and rendered to JSON text only when the history is read: the
 * engine never mutates payloads, so rendering late gives the same text at a fraction of the cost.
 */
export class LazyJson {
  private text: string | undefined;
  constructor(readonly value: unknown) {}

  toString(): string {
    this.text ??= JSON.stringify(this.value) ?? 'null';
    return this.text;
  }
}

function render(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in details) {
    const v = details[k];
    out[k] = v instanceof LazyJson ? v.toString() : v;
  }
  return out;
}

/** A causal chain in the history: events of one branch / iteration link to the previous one. */
export interface HistoryThread {
  last: number;
}

/** Compact stored form; turned into a HistoryEvent (with a Date) only when read. */
class RawEvent {
  constructor(
    readonly id: number,
    readonly previousEventId: number,
    readonly ts: number,
    readonly type: string,
    readonly key: string | undefined,
    readonly details: Record<string, unknown> | undefined,
  ) {}

  toEvent(): HistoryEvent {
    const e: HistoryEvent = {
      id: this.id,
      previousEventId: this.previousEventId,
      timestamp: new Date(this.ts),
      type: this.type,
    };
    if (this.details) e[this.key ?? detailsKeyOf(this.type)] = render(this.details);
    return e;
  }
}

const keyCache = new Map<string, string>();

/** `TaskScheduled` -> `taskScheduledEventDetails`. */
function detailsKeyOf(type: string): string {
  let k = keyCache.get(type);
  if (!k) {
    k = type.charAt(0).toLowerCase() + type.slice(1) + 'EventDetails';
    keyCache.set(type, k);
  }
  return k;
}

/** Appends GetExecutionHistory-shaped events with ids, previous ids and timestamps. */
export class HistoryRecorder {
  private readonly raw: RawEvent[] = [];
  private nextId = 1;
  /** True when events are observed (so details are worth building). */
  readonly active: boolean;

  constructor(
    private readonly clock: Clock,
    private readonly enabled: boolean,
    private readonly onEvent?: (e: HistoryEvent) => void,
  ) {
    this.active = enabled || onEvent !== undefined;
  }

  /** Adds an event (details under `<type>EventDetails` unless `detailsKey` is given). Returns its id. */
  add(thread: HistoryThread, type: string, details?: Record<string, unknown>, detailsKey?: string): number {
    const id = this.nextId++;
    if (this.active) {
      const e = new RawEvent(id, thread.last, this.clock.now(), type, detailsKey, details);
      if (this.enabled) this.raw.push(e);
      this.onEvent?.(e.toEvent());
    }
    thread.last = id;
    return id;
  }

  /** The recorded events, oldest first. */
  get events(): HistoryEvent[] {
    return this.raw.map((e) => e.toEvent());
  }
}
