import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ExecutionListItem, ExecutionStatus } from '../api.js';
import { duration, time } from '../format.js';
import { onSummaries, summaryOf, want } from '../summaries.js';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
/** Every row is this tall (styles.css), so the rows in view follow from the scroll position alone. */
const ROW_PX = 27;
/** Rows drawn above and below the view. */
const OVERSCAN = 8;

export interface ExecutionsListProps {
  readonly executions: readonly ExecutionListItem[] | undefined;
  readonly selectedArn: string | undefined;
  readonly onSelect: (executionArn: string) => void;
  readonly now: number;
}

/**
 * The executions ListExecutions returns, newest first, filtered by status. Only the rows in view are in
 * the page (a thousand executions cost as much as thirty), and only they ask for their summary.
 */
export function ExecutionsList({ executions, selectedArn, onSelect, now }: ExecutionsListProps) {
  const [filter, setFilter] = useState<ExecutionStatus | 'ALL'>('ALL');
  const [, setTick] = useState(0);
  const [view, setView] = useState({ top: 0, height: 600 });
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => onSummaries(() => setTick((t) => t + 1)), []);
  useEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setView((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      );
    };
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    const resize = new ResizeObserver(onScroll);
    resize.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    measure();
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, []);

  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const e of executions ?? []) c[e.status] = (c[e.status] ?? 0) + 1;
    return c;
  }, [executions]);
  const shown = useMemo(
    () => (executions ?? []).filter((e) => filter === 'ALL' || e.status === filter),
    [executions, filter],
  );
  const first = Math.max(0, Math.floor(view.top / ROW_PX) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((view.top + view.height) / ROW_PX) + OVERSCAN);
  const rows = shown.slice(first, last);

  // The rows drawn ask for their summary (again once an execution read while running has finished).
  useEffect(() => {
    for (const e of rows) want(e.executionArn, e.status);
  });

  return (
    <section class="card executions" aria-label="Executions">
      <header class="card-head">
        <h2>Executions</h2>
        <span class="muted" data-testid="execution-count" data-count={executions?.length}>
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
        <table class="list executions-table">
          <thead>
            <tr>
              <th class="w-status">Status</th>
              <th>Order id</th>
              <th class="w-time">Started</th>
              <th class="num w-duration">Duration</th>
              <th
                class="num w-transitions"
                title="Billable state transitions (Standard): states entered + retries"
              >
                Trans.
              </th>
            </tr>
          </thead>
          <tbody>
            {first > 0 && <Spacer rows={first} />}
            {rows.map((e) => (
              <Row
                key={e.executionArn}
                execution={e}
                selected={e.executionArn === selectedArn}
                onSelect={onSelect}
                now={now}
              />
            ))}
            {last < shown.length && <Spacer rows={shown.length - last} />}
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

/** Stands for rows out of view, at their height. */
function Spacer({ rows }: { rows: number }) {
  return (
    <tr class="spacer">
      <td colSpan={5} style={{ height: `${rows * ROW_PX}px` }} />
    </tr>
  );
}

function Row({
  execution: e,
  selected,
  onSelect,
  now,
}: {
  execution: ExecutionListItem;
  selected: boolean;
  onSelect: (arn: string) => void;
  now: number;
}) {
  const summary = summaryOf(e.executionArn);
  const end = e.stopDate ?? now / 1000;
  return (
    <tr
      data-arn={e.executionArn}
      data-name={e.name}
      data-status={e.status}
      class={selected ? 'selected' : ''}
      onClick={() => onSelect(e.executionArn)}
    >
      <td>
        <span class={`pill status-${e.status}`}>{e.status}</span>
      </td>
      <td class="mono ellipsis" title={e.name}>
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
