import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import {
  type DescribedExecution,
  type ExecutionListItem,
  type HistoryEvent,
  localStack,
  type Outputs,
  stepFunctions,
  type WorkflowGraph as Workflow,
  workflowGraph,
} from './api.js';
import { DataTabs } from './components/data-tabs.js';
import { EventsTable, ExecutionSummary, StatePanel } from './components/execution-detail.js';
import { ExecutionsList } from './components/executions-list.js';
import { TryIt } from './components/try-it.js';
import { WorkflowGraph } from './components/workflow-graph.js';
import { ExecutionListPoller } from './execution-list.js';
import { readHistory } from './history.js';
import { usePolling } from './hooks.js';

const LIST_EVERY_MS = 1500;
/** The newest executions read at each poll after the first full read (the rest only change while RUNNING). */
const NEWEST_PAGE = 100;
const FOLLOW_EVERY_MS = 400;

function arnFromHash(): string | undefined {
  const match = /^#exec=(.+)$/.exec(window.location.hash);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

export function App() {
  const [outputs, setOutputs] = useState<Outputs>();
  const [definition, setDefinition] = useState<unknown>();
  const [workflow, setWorkflow] = useState<Workflow>();
  const [failure, setFailure] = useState<string>();
  const [executions, setExecutions] = useState<readonly ExecutionListItem[]>();
  const [selectedArn, setSelectedArn] = useState<string | undefined>(arnFromHash);
  const [selected, setSelected] = useState<{ execution: DescribedExecution; events: HistoryEvent[] }>();
  const [selectedState, setSelectedState] = useState<string>();
  const [now, setNow] = useState(Date.now());

  // Start: the stack's outputs, then the definition and its picture.
  useEffect(() => {
    void (async () => {
      try {
        const o = await localStack.outputs();
        setOutputs(o);
        const [described, graph] = await Promise.all([
          stepFunctions.describeStateMachine(o.stateMachineArn),
          workflowGraph(o.stateMachineArn),
        ]);
        setDefinition(JSON.parse(described.definition) as unknown);
        setWorkflow(graph);
      } catch (error) {
        setFailure(`Cannot reach the local stack: ${(error as Error).message}`);
      }
    })();
    const onHash = () => setSelectedArn(arnFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const poller = useMemo(() => {
    if (outputs === undefined) return undefined;
    const arn = outputs.stateMachineArn;
    return new ExecutionListPoller({
      all: () => stepFunctions.listExecutions(arn),
      incremental: async () => {
        const [newest, running] = await Promise.all([
          stepFunctions.listExecutionsPage(arn, { maxResults: NEWEST_PAGE }),
          stepFunctions.listExecutionsPage(arn, { maxResults: 1000, statusFilter: 'RUNNING' }),
        ]);
        // more RUNNING than a page: let the poller read everything
        if (running.nextToken !== undefined) return undefined;
        return {
          newest: newest.executions,
          newestHasMore: newest.nextToken !== undefined,
          running: running.executions,
        };
      },
    });
  }, [outputs]);
  usePolling(
    async () => {
      if (poller === undefined) return;
      const list = await poller.poll();
      // the same list (nothing started or ended) draws nothing again, unless running durations move on
      setExecutions(list);
      if (list.some((e) => e.status === 'RUNNING')) setNow(Date.now());
    },
    LIST_EVERY_MS,
    poller !== undefined,
    [poller],
  );
  useEffect(() => {
    if (executions === undefined || document.body.dataset.listReady === 'true') return;
    document.body.dataset.listReady = 'true';
    performance.mark('console:list-ready');
  }, [executions]);

  // Follow the selected execution: read again while it runs, once more when it has finished.
  const running =
    selected?.execution.status === 'RUNNING' || selected?.execution.executionArn !== selectedArn;
  usePolling(
    async () => {
      if (selectedArn === undefined) return;
      // Describe first: a history read after it has every event the status it gives implies.
      const execution = await stepFunctions.describeExecution(selectedArn);
      const events = await stepFunctions.history(selectedArn);
      // a history only grows: the same status and event count is the same reading, drawn already
      setSelected((old) =>
        old !== undefined &&
        old.execution.executionArn === execution.executionArn &&
        old.execution.status === execution.status &&
        old.events.length === events.length
          ? old
          : { execution, events },
      );
      setNow(Date.now());
      // the list shows the end of the execution it follows at once, not at its next read
      if (execution.status !== 'RUNNING')
        setExecutions((list) =>
          list?.map((e) =>
            e.executionArn === execution.executionArn && e.status !== execution.status
              ? {
                  ...e,
                  status: execution.status,
                  ...(execution.stopDate === undefined ? {} : { stopDate: execution.stopDate }),
                }
              : e,
          ),
        );
    },
    FOLLOW_EVERY_MS,
    selectedArn !== undefined && running,
    [selectedArn],
  );

  const select = useCallback((arn: string) => {
    setSelectedState(undefined);
    window.location.hash = `exec=${encodeURIComponent(arn)}`;
    setSelectedArn(arn);
  }, []);
  const reading = useMemo(
    () =>
      selected === undefined || selected.execution.executionArn !== selectedArn
        ? undefined
        : readHistory(selected.events, selected.execution.status, selected.execution.name),
    [selected, selectedArn],
  );

  if (failure !== undefined)
    return (
      <main class="fatal">
        <h1>Orders console</h1>
        <p class="error">{failure}</p>
        <p>
          Start the stack with <code>bash run.sh dev</code> and reload.
        </p>
      </main>
    );

  return (
    <div class="layout">
      <header class="top">
        <h1>Orders console</h1>
        <span class="muted">
          {outputs === undefined
            ? 'connecting…'
            : `${outputs.stateMachineName} · ${outputs.region} · Step Functions API ${outputs.endpoints.stepfunctions}`}
        </span>
      </header>
      <aside class="side">
        {outputs !== undefined && definition !== undefined && (
          <TryIt outputs={outputs} definition={definition} onStarted={select} />
        )}
        <ExecutionsList executions={executions} selectedArn={selectedArn} onSelect={select} now={now} />
      </aside>
      <main class="main">
        <section class="card workflow" aria-label="Workflow">
          <header class="card-head">
            <h2>Workflow</h2>
            {selected !== undefined && selected.execution.executionArn === selectedArn ? (
              <ExecutionSummary execution={selected.execution} reading={reading} now={now} />
            ) : (
              <span class="muted">
                {selectedArn === undefined
                  ? 'the deployed definition; select an execution to see its path'
                  : 'loading…'}
              </span>
            )}
          </header>
          <div class="workflow-body">
            <WorkflowGraph
              workflow={workflow}
              reading={reading}
              selectedState={selectedState}
              onSelectState={setSelectedState}
            />
            <div class="state-side">
              <StatePanel
                name={selectedState}
                visit={selectedState === undefined ? undefined : reading?.states.get(selectedState)}
              />
            </div>
          </div>
        </section>
        {selected !== undefined && selected.execution.executionArn === selectedArn && (
          <section class="card" aria-label="Execution events">
            <header class="card-head">
              <h2>Events</h2>
              <span class="muted">GetExecutionHistory · {selected.events.length} events</span>
            </header>
            <div class="scroll events-scroll">
              <EventsTable events={selected.events} reading={reading} />
            </div>
          </section>
        )}
        {outputs !== undefined && <DataTabs outputs={outputs} />}
      </main>
    </div>
  );
}
