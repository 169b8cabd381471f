import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ExecutionListItem, ExecutionStatus } from '../api.js';
import { duration, time } from '../format.js';
import { onSummaries, summaryOf, want } from '../summaries.js';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export interface ExecutionsListProps {
  readonly executions: readonly ExecutionListItem[] | undefined;
  readonly selectedArn: string | undefined;
  readonly onSelect: (executionArn: string) => void;
  readonly now: number;
}

/** The executions ListExecutions returns, newest first, filtered by status; summaries for the rows in view. */
export function ExecutionsList({ executions, selectedArn, onSelect, now }: ExecutionsListProps) {
  const [filter, setFilter] = useState<ExecutionStatus | 'ALL'>('ALL');
  const [, setTick] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const statusOf = useRef(new Map<string, string>());

  useEffect(() => onSummaries(() => setTick((t) => t + 1)), []);
  // Rows entering the view (the list's scroll box clips them) ask for their summary.
  const [observer] = useState(
    () =>
      new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            const arn = (entry.target as HTMLElement).dataset.arn;
            if (entry.isIntersecting && arn !== undefined) want(arn, statusOf.current.get(arn) ?? '');
          }
        },
        { rootMargin: '200px 0px' },
      ),
  );
  useEffect(() => () => observer.disconnect(), [observer]);

  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const e of executions ?? []) c[e.status] = (c[e.status] ?? 0) + 1;
    return c;
  }, [executions]);
  const shown = useMemo(
    () => (executions ?? []).filter((e) => filter === 'ALL' || e.status === filter),
    [executions, filter],
  );
  for (const e of shown) statusOf.current.set(e.executionArn, e.status);
  // A row read while it ran is read again once it has finished (the observer only fires on entering view).
  useEffect(() => {
    for (const e of shown) {
      if (e.status !== 'RUNNING' && summaryOf(e.executionArn)?.status === 'RUNNING')
        want(e.executionArn, e.status);
    }
  }, [shown]);

  return (
    <section class="card executions" aria-label="Executions">
      <header class="card-head">
        <h2>Executions</h2>
        <span class="muted" data-testid="execution-count">
          {executions === undefined ? 'loading…' : `${executions.length} listed`}
        </span>
      </header>
      <fieldset class="filters">
        <legend class="hidden">Filter by status</legend>
        <button type="button" class={filter === 'ALL' ? 'chip on' : 'chip'} onClick={() => setFilter('ALL')}>
          All {executions?.length ?? ''}
        </button>
        {STATUSES.map((s) => (
          <button
            type="button"
            key={s}
            data-filter={s}
            class={`chip status-${s}${filter === s ? ' on' : ''}`}
            onClick={() => setFilter(s)}
          >
            {s.replace('_', ' ').toLowerCase()} {counts[s] ?? 0}
          </button>
        ))}
      </fieldset>
      <div class="scroll" ref={scroller}>
        <table class="list">
          <thead>
            <tr>
              <th>Status</th>
              <th>Order id</th>
              <th>Started</th>
              <th class="num">Duration</th>
              <th class="num" title="Billable state transitions (Standard): states entered + retries">
                Transitions
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <Row
                key={e.executionArn}
                execution={e}
                selected={e.executionArn === selectedArn}
                onSelect={onSelect}
                observer={observer}
                now={now}
              />
            ))}
          </tbody>
        </table>
        {executions !== undefined && shown.length === 0 && (
          <p class="muted empty">
            No executions{filter === 'ALL' ? ' yet: submit an order.' : ` ${filter}.`}
          </p>
        )}
      </div>
    </section>
  );
}

function Row({
  execution: e,
  selected,
  onSelect,
  observer,
  now,
}: {
  execution: ExecutionListItem;
  selected: boolean;
  onSelect: (arn: string) => void;
  observer: IntersectionObserver;
  now: number;
}) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    const row = ref.current;
    if (row === null) return;
    observer.observe(row);
    return () => observer.unobserve(row);
  }, [observer]);
  const summary = summaryOf(e.executionArn);
  const end = e.stopDate ?? now / 1000;
  return (
    <tr
      ref={ref}
      data-arn={e.executionArn}
      data-name={e.name}
      data-status={e.status}
      class={selected ? 'selected' : ''}
      onClick={() => onSelect(e.executionArn)}
    >
      <td>
        <span class={`pill status-${e.status}`}>{e.status}</span>
      </td>
      <td class="mono" title={e.name}>
        {summary?.orderId ?? e.name}
      </td>
      <td class="mono">{time(e.startDate)}</td>
      <td class="num">{duration((end - e.startDate) * 1000)}</td>
      <td class="num" data-testid="transitions">
        {summary === undefined ? '…' : summary.transitions}
      </td>
    </tr>
  );
}
