import { useState } from 'preact/hooks';
import type { DescribedExecution, HistoryEvent } from '../api.js';
import { duration, prettyJson, time } from '../format.js';
import type { HistoryReading, StateVisit } from '../history.js';
import { pure } from '../hooks.js';

/** Name, status, order id, timing, transitions and error of the selected execution. */
export function ExecutionSummary({
  execution,
  reading,
  now,
}: {
  execution: DescribedExecution;
  reading: HistoryReading | undefined;
  now: number;
}) {
  const end = execution.stopDate ?? now / 1000;
  return (
    <div
      class="exec-summary"
      data-testid="execution-summary"
      data-arn={execution.executionArn}
      data-status={execution.status}
    >
      <span class={`pill status-${execution.status}`}>{execution.status}</span>
      <span class="mono" title={execution.executionArn}>
        {execution.name}
      </span>
      <span>
        order <b class="mono">{reading?.orderId ?? execution.name}</b>
      </span>
      <span>started {time(execution.startDate)}</span>
      <span>{duration((end - execution.startDate) * 1000)}</span>
      <span>{reading === undefined ? '' : `${reading.billableTransitions} billable transitions`}</span>
      {execution.error !== undefined && (
        <span class="error" title={execution.cause}>
          {execution.error}
          {execution.cause === undefined ? '' : `: ${execution.cause.slice(0, 160)}`}
        </span>
      )}
    </div>
  );
}

/** The state a click on the graph opened: how it went, its input and its output. */
export const StatePanel = pure(function StatePanel({
  visit,
  name,
}: {
  visit: StateVisit | undefined;
  name: string | undefined;
}) {
  if (name === undefined)
    return <p class="muted">Click a state on the graph to see its input and output in this execution.</p>;
  if (visit === undefined)
    return (
      <div data-testid="state-panel" data-state={name}>
        <h3>{name}</h3>
        <p class="muted">Not entered in this execution.</p>
      </div>
    );
  return (
    <div data-testid="state-panel" data-state={name} data-status={visit.status}>
      <h3>
        {name} <span class={`pill st-${visit.status}`}>{visit.status}</span>
      </h3>
      <p class="muted">
        {visit.type}
        {visit.entered > 1 ? ` · entered ${visit.entered}×` : ''}
        {visit.retries > 0 ? ` · ${visit.retries} ${visit.retries === 1 ? 'retry' : 'retries'}` : ''}
      </p>
      {visit.error !== undefined && (
        <div data-testid="state-error">
          <p class="error">
            <b>{visit.error}</b>
          </p>
          {visit.cause !== undefined && <pre class="json error">{prettyJson(visit.cause)}</pre>}
        </div>
      )}
      <h4>Input</h4>
      <pre class="json" data-testid="state-input">
        {visit.input === undefined ? '(not recorded)' : prettyJson(visit.input)}
      </pre>
      <h4>Output</h4>
      <pre class="json" data-testid="state-output">
        {visit.output === undefined ? '(none: the state did not complete)' : prettyJson(visit.output)}
      </pre>
    </div>
  );
});

function eventDetails(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null)
      return value as Record<string, unknown>;
  }
  return undefined;
}

/** The events as GetExecutionHistory returns them, one row each; a click shows the event's details. */
export const EventsTable = pure(function EventsTable({
  events,
  reading,
}: {
  events: readonly HistoryEvent[];
  reading: HistoryReading | undefined;
}) {
  const [open, setOpen] = useState<number | undefined>(undefined);
  const first = events[0]?.timestamp ?? 0;
  return (
    <table class="list events" data-testid="events-table">
      <thead>
        <tr>
          <th class="num">ID</th>
          <th>Type</th>
          <th>Step</th>
          <th>Resource / error</th>
          <th class="num">Started after</th>
          <th>Timestamp</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const d = eventDetails(event);
          const resource =
            typeof d?.error === 'string'
              ? `${d.error}`
              : typeof d?.resourceType === 'string'
                ? `${d.resourceType}:${String(d.resource ?? '')}`
                : '';
          const failed = /Failed|TimedOut|Aborted/.test(event.type);
          return [
            <tr
              key={event.id}
              class={`${failed ? 'failed' : ''}${open === event.id ? ' selected' : ''}`}
              onClick={() => setOpen(open === event.id ? undefined : event.id)}
            >
              <td class="num">{event.id}</td>
              <td>{event.type}</td>
              <td>{reading?.stepOf.get(event.id) ?? ''}</td>
              <td class="mono">{resource}</td>
              <td class="num">{duration((event.timestamp - first) * 1000)}</td>
              <td class="mono">{time(event.timestamp)}</td>
            </tr>,
            open === event.id && (
              <tr key={`${event.id}-details`} class="details">
                <td colSpan={6}>
                  <pre class="json">{JSON.stringify(expand(d ?? {}), null, 2)}</pre>
                </td>
              </tr>
            ),
          ];
        })}
      </tbody>
    </table>
  );
});

/** Details with their JSON text fields (input, output, parameters) shown as JSON. */
function expand(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => {
      if (typeof v !== 'string') return [k, v];
      try {
        const parsed = JSON.parse(v) as unknown;
        return [k, typeof parsed === 'object' && parsed !== null ? parsed : v];
      } catch {
        return [k, v];
      }
    }),
  );
}
