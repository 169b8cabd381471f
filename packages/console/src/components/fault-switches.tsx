import { useMemo, useState } from 'preact/hooks';
import { localStack, type Outputs } from '../api.js';
import { usePolling } from '../hooks.js';
import { type WorkflowTask, workflowTasks } from '../workflow-tasks.js';

const COUNTS = [
  ['1', 'next 1'],
  ['3', 'next 3'],
  ['10', 'next 10'],
  ['1000', 'until off'],
] as const;

/**
 * One switch per Task of the deployed definition (Lambda and service Tasks): its next runs fail as
 * chosen, through the stack's fault registry (`/_local/faults` with `{ state }`). A Lambda Task's faults
 * are its function's, so Tasks sharing a function show the same pending count.
 */
export function FaultSwitches({ outputs, definition }: { outputs: Outputs; definition: unknown }) {
  const tasks = useMemo(() => workflowTasks(definition, outputs.functionNames), [definition, outputs]);
  const [pending, setPending] = useState<Record<string, number>>({});
  const [choice, setChoice] = useState<Record<string, number>>({});
  const [count, setCount] = useState<Record<string, number>>({});
  const [error, setError] = useState<string>();
  const refresh = async () => {
    const next = await localStack.pendingFaultsByState();
    // the same answer draws nothing again
    setPending((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next));
  };
  usePolling(refresh, 2000);

  const toggle = async (task: WorkflowTask, on: boolean) => {
    setError(undefined);
    try {
      if (on) {
        const picked = task.choices[choice[task.state] ?? 0] ?? task.choices[0];
        await localStack.injectFault(
          { state: task.state },
          { count: count[task.state] ?? 1, ...(picked?.spec ?? {}) },
        );
      } else await localStack.clearFaults({ state: task.state });
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div class="faults" data-testid="faults">
      <h3>Faults</h3>
      <p class="muted small">
        The next runs of a Task fail as chosen (the local stack's fault registry: a Lambda Task's function, or
        the DynamoDB/SNS call, failing with the service's error as Step Functions names it); the switch turns
        itself off once they are used up.
      </p>
      <div class="fault-list">
        {tasks.map((task) => {
          const waiting = pending[task.state] ?? 0;
          return (
            <div
              class="fault"
              key={task.state}
              data-state={task.state}
              data-service={task.service}
              {...(task.functionName === undefined ? {} : { 'data-function': task.calls })}
            >
              <label class="switch" title={task.functionName ?? task.calls}>
                <input
                  type="checkbox"
                  checked={waiting > 0}
                  onChange={(event) => void toggle(task, (event.target as HTMLInputElement).checked)}
                />
                <span>
                  {task.state} <span class="muted">({task.calls})</span>
                </span>
              </label>
              <div class="row small">
                <select
                  data-testid="fault-kind"
                  value={String(choice[task.state] ?? 0)}
                  onChange={(event) =>
                    setChoice({ ...choice, [task.state]: Number((event.target as HTMLSelectElement).value) })
                  }
                >
                  {task.choices.map((c, i) => (
                    <option key={c.label} value={String(i)}>
                      {c.label}
                    </option>
                  ))}
                </select>
                <select
                  value={String(count[task.state] ?? 1)}
                  onChange={(event) =>
                    setCount({ ...count, [task.state]: Number((event.target as HTMLSelectElement).value) })
                  }
                >
                  {COUNTS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                <span class="muted" data-testid="fault-pending">
                  {waiting > 0 ? `${waiting} pending` : 'off'}
                </span>
              </div>
            </div>
          );
        })}
      </div>
      {error !== undefined && <p class="error">{error}</p>}
    </div>
  );
}
