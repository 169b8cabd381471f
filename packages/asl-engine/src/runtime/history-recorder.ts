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

/** A causal chain in the history: events of one branch / iteration link to the previous one. */
export interface HistoryThread {
  last: number;
}

const GENERIC = 0;
const ENTERED = 1;
const EXITED = 2;

/** Compact stored form; turned into a HistoryEvent (with a Date and JSON texts) only when read. */
class RawEvent {
  constructor(
    readonly id: number,
    readonly previousEventId: number,
    readonly ts: number,
    readonly type: string,
    readonly kind: number,
    /** GENERIC: the details object; ENTERED/EXITED: the state name. */
    readonly a: unknown,
    /** ENTERED/EXITED: the payload value. */
    readonly b: unknown,
    /** EXITED: assigned variables. */
    readonly c: Record<string, unknown> | undefined,
  ) {}

  toEvent(): HistoryEvent {
    const e: HistoryEvent = {
      id: this.id,
      previousEventId: this.previousEventId,
      timestamp: new Date(this.ts),
      type: this.type,
    };
    if (this.kind === ENTERED) {
      e.stateEnteredEventDetails = { name: this.a, input: json(this.b), inputDetails: NOT_TRUNCATED };
    } else if (this.kind === EXITED) {
      const d: Record<string, unknown> = { name: this.a, output: json(this.b), outputDetails: NOT_TRUNCATED };
      if (this.c) {
        const vars: Record<string, string> = {};
        for (const k in this.c) vars[k] = json(this.c[k]);
        d.assignedVariables = vars;
        d.assignedVariablesDetails = NOT_TRUNCATED;
      }
      e.stateExitedEventDetails = d;
    } else if (this.a) {
      e[detailsKeyOf(this.type)] = render(this.a as Record<string, unknown>);
    }
    return e;
  }
}

function json(v: unknown): string {
  return v instanceof LazyJson ? v.toString() : (JSON.stringify(v) ?? 'null');
}

function render(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in details) {
    const v = details[k];
    out[k] = v instanceof LazyJson ? v.toString() : v;
  }
  return out;
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

  /** Adds an event with details under `<type>EventDetails` (JSON payloads as LazyJson). Returns its id. */
  add(thread: HistoryThread, type: string, details?: Record<string, unknown>): number {
    return this.push(thread, type, GENERIC, details, undefined, undefined);
  }

  /** Adds a `<Type>StateEntered` event. */
  entered(thread: HistoryThread, type: string, name: string, input: unknown, ts?: number): number {
    return this.push(thread, type, ENTERED, name, input, undefined, ts);
  }

  /** Adds a `<Type>StateExited` event. */
  exited(
    thread: HistoryThread,
    type: string,
    name: string,
    output: unknown,
    assigned: Record<string, unknown> | undefined,
    ts?: number,
  ): number {
    return this.push(thread, type, EXITED, name, output, assigned, ts);
  }

  private push(
    thread: HistoryThread,
    type: string,
    kind: number,
    a: unknown,
    b: unknown,
    c: Record<string, unknown> | undefined,
    ts?: number,
  ): number {
    const id = this.nextId++;
    if (this.active) {
      const e = new RawEvent(id, thread.last, ts ?? this.clock.now(), type, kind, a, b, c);
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
