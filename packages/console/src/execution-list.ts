/**
 * The executions list, kept current by incremental reads: after one full ListExecutions, each poll asks
 * only for the newest page and the RUNNING executions and merges them in (500 executions listed cost what
 * a page of 100 does). A read that cannot be merged safely (more new executions than a page, a RUNNING one
 * that ended out of sight) falls back to a full read, and so does every FULL_EVERY-th poll.
 */
import type { ExecutionListItem } from './api.js';

/** What a poll read: the newest page (with whether more follow) and every RUNNING execution. */
export interface IncrementalRead {
  readonly newest: readonly ExecutionListItem[];
  readonly newestHasMore: boolean;
  readonly running: readonly ExecutionListItem[];
}

const same = (a: ExecutionListItem, b: ExecutionListItem) =>
  a.status === b.status && a.stopDate === b.stopDate && a.startDate === b.startDate && a.name === b.name;

/**
 * `known` brought up to date by `read`, newest first; the same array when nothing changed (so the page
 * draws nothing again); undefined when the read cannot be merged and a full read is needed.
 */
export function mergeExecutions(
  known: readonly ExecutionListItem[],
  read: IncrementalRead,
): readonly ExecutionListItem[] | undefined {
  const knownArns = new Set(known.map((e) => e.executionArn));
  const oldestRead = read.newest.at(-1);
  // a full page whose oldest entry is new to us: executions may have started between it and what we know
  if (read.newestHasMore && oldestRead !== undefined && !knownArns.has(oldestRead.executionArn))
    return undefined;
  const latest = new Map<string, ExecutionListItem>();
  for (const e of read.newest) latest.set(e.executionArn, e);
  for (const e of read.running) latest.set(e.executionArn, e);
  let changed = false;
  const fresh = read.newest
    .filter((e) => !knownArns.has(e.executionArn))
    .map((e) => latest.get(e.executionArn) ?? e);
  const freshArns = new Set(fresh.map((e) => e.executionArn));
  // RUNNING executions that are new but older than the newest page cannot be placed: read everything
  if (read.running.some((e) => !knownArns.has(e.executionArn) && !freshArns.has(e.executionArn)))
    return undefined;
  const rest: ExecutionListItem[] = [];
  for (const e of known) {
    const now = latest.get(e.executionArn);
    if (now === undefined) {
      // it was RUNNING and is neither running nor among the newest: it ended out of sight
      if (e.status === 'RUNNING') return undefined;
      rest.push(e);
    } else if (same(now, e)) rest.push(e);
    else {
      rest.push(now);
      changed = true;
    }
  }
  if (fresh.length === 0 && !changed) return known;
  return [...fresh, ...rest];
}

/** A full read every this many polls, whatever happened (executions can also disappear, e.g. a new stack). */
const FULL_EVERY = 20;

/** Reads the executions of one state machine, fully at first and then incrementally. */
export class ExecutionListPoller {
  private known: readonly ExecutionListItem[] | undefined;
  private polls = 0;

  constructor(
    private readonly read: {
      all(): Promise<readonly ExecutionListItem[]>;
      /** Undefined when this read cannot tell (e.g. more RUNNING than one page). */
      incremental(): Promise<IncrementalRead | undefined>;
    },
  ) {}

  /** The current list: the same array as the last poll when nothing changed. */
  async poll(): Promise<readonly ExecutionListItem[]> {
    this.polls++;
    if (this.known !== undefined && this.polls % FULL_EVERY !== 0) {
      const read = await this.read.incremental();
      const merged = read === undefined ? undefined : mergeExecutions(this.known, read);
      if (merged !== undefined) {
        this.known = merged;
        return merged;
      }
    }
    const all = await this.read.all();
    this.known = this.known !== undefined && sameList(this.known, all) ? this.known : all;
    return this.known;
  }
}

function sameList(a: readonly ExecutionListItem[], b: readonly ExecutionListItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((e, i) => {
      const other = b[i];
      return other !== undefined && e.executionArn === other.executionArn && same(e, other);
    })
  );
}
