import { EXAMPLE_ORDERS, type ExampleOrderName, maskCardNumber } from '@orders/shared-types';
import { useMemo, useState } from 'preact/hooks';
import { localStack, type Outputs, stepFunctions } from '../api.js';
import { pure, usePolling } from '../hooks.js';

/** What each example order is for (EXAMPLE_ORDERS in @orders/shared-types has one per path). */
const EXAMPLES: Readonly<Record<ExampleOrderName, string>> = {
  success: 'success: verified, in stock, charged',
  successWithQuantities: 'success with quantities and cents',
  paymentDeclined: 'payment declined: PAYMENT_FAILED',
  notVerified: 'payment details not verified',
  outOfStock: 'out of stock (item-z0s7k)',
  lowStock: 'out of stock by quantity (item-l0w5t)',
  original: "the original's input.json (not verified)",
};

export interface TryItProps {
  readonly outputs: Outputs;
  readonly definition: unknown;
  /** Called with the new execution, to select and follow it. */
  readonly onStarted: (executionArn: string) => void;
}

/** Submit an example order (a new order id each time, or the last one again) and switch faults per Task. */
export const TryIt = pure(function TryIt({ outputs, definition, onStarted }: TryItProps) {
  const [example, setExample] = useState<ExampleOrderName>('success');
  const [last, setLast] = useState<{ orderId: string; example: ExampleOrderName; runs: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const order = EXAMPLE_ORDERS[example];

  const submit = async (again: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const stamp = Date.now().toString(36);
      const orderId = again && last !== undefined ? last.orderId : `console-${example}-${stamp}`;
      const source = again && last !== undefined ? last.example : example;
      const runs = again && last !== undefined ? last.runs + 1 : 1;
      const name = runs === 1 ? orderId : `${orderId}-again-${runs - 1}`;
      const { executionArn } = await stepFunctions.startExecution(outputs.stateMachineArn, name, {
        ...EXAMPLE_ORDERS[source],
        orderId,
      });
      setLast({ orderId, example: source, runs });
      onStarted(executionArn);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card try" aria-label="Try it">
      <header class="card-head">
        <h2>Try it</h2>
      </header>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit(false);
        }}
      >
        <label class="row">
          <span>Example order</span>
          <select
            name="example"
            data-testid="example-select"
            value={example}
            onChange={(event) => setExample((event.target as HTMLSelectElement).value as ExampleOrderName)}
          >
            {(Object.keys(EXAMPLES) as ExampleOrderName[]).map((key) => (
              <option key={key} value={key}>
                {EXAMPLES[key]}
              </option>
            ))}
          </select>
        </label>
        <p class="muted small">
          {order.orderContents.items
            .map((i) => `${'quantity' in i ? i.quantity : 1}× ${i.itemId}`)
            .join(', ')}{' '}
          · total {order.orderTotal} · {order.paymentDetails.cardType}{' '}
          {maskCardNumber(order.paymentDetails.cardNumber)}
        </p>
        <div class="row">
          <button type="submit" class="primary" disabled={busy} data-testid="submit-order">
            Submit order
          </button>
          <button
            type="button"
            disabled={busy || last === undefined}
            onClick={() => void submit(true)}
            title="Start another execution for the same order id: the resubmission path"
          >
            Submit {last === undefined ? 'again' : `${last.orderId.slice(0, 28)} again`}
          </button>
        </div>
        {error !== undefined && <p class="error">{error}</p>}
      </form>
      <Faults outputs={outputs} definition={definition} />
    </section>
  );
});

const FAULTS = {
  'Lambda.ServiceException': {
    label: 'service error (the Task retries it)',
    spec: { error: 'Lambda.ServiceException' },
  },
  Error: { label: 'the function throws Error (caught)', spec: { error: 'Error' } },
  timeout: { label: 'hangs until its timeout', spec: { timeout: true } },
} as const;
type FaultKind = keyof typeof FAULTS;

/** The Lambda-backed Tasks of the definition, grouped by the function they invoke. */
function lambdaTasks(
  definition: unknown,
  outputs: Outputs,
): Array<{ functionName: string; key: string; tasks: string[] }> {
  const byFunction = new Map<string, string[]>();
  const walk = (scope: { States?: Record<string, Record<string, unknown>> }) => {
    for (const [name, state] of Object.entries(scope.States ?? {})) {
      const resource = String(state.Resource ?? '');
      const args = (state.Arguments ?? state.Parameters) as Record<string, unknown> | undefined;
      const fn = args?.FunctionName ?? args?.['FunctionName.$'];
      if (
        state.Type === 'Task' &&
        resource.startsWith('arn:aws:states:::lambda:invoke') &&
        typeof fn === 'string'
      ) {
        const functionName = fn.split(':').at(-1) ?? fn;
        byFunction.set(functionName, [...(byFunction.get(functionName) ?? []), name]);
      }
      for (const branch of (state.Branches as object[] | undefined) ?? []) walk(branch);
      if (state.ItemProcessor !== undefined) walk(state.ItemProcessor as object);
    }
  };
  walk(definition as object);
  const keyOf = new Map(Object.entries(outputs.functionNames).map(([key, name]) => [name, key]));
  return [...byFunction].map(([functionName, tasks]) => ({
    functionName,
    key: keyOf.get(functionName) ?? functionName,
    tasks,
  }));
}

/** One switch per Lambda-backed Task: the next invocations of its function fail (the stack's fault registry). */
function Faults({ outputs, definition }: { outputs: Outputs; definition: unknown }) {
  const tasks = useMemo(() => lambdaTasks(definition, outputs), [definition, outputs]);
  const [pending, setPending] = useState<Record<string, number>>({});
  const [kind, setKind] = useState<Record<string, FaultKind>>({});
  const [count, setCount] = useState<Record<string, number>>({});
  const [error, setError] = useState<string>();
  const refresh = async () => setPending(await localStack.pendingFaults());
  usePolling(refresh, 2000);

  const toggle = async (functionName: string, on: boolean) => {
    setError(undefined);
    try {
      if (on) {
        const spec = FAULTS[kind[functionName] ?? 'Lambda.ServiceException'].spec;
        await localStack.injectFault(functionName, { count: count[functionName] ?? 1, ...spec });
      } else await localStack.clearFaults(functionName);
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div class="faults" data-testid="faults">
      <h3>Faults</h3>
      <p class="muted small">
        The next invocations of a Task's function fail (the local stack's fault registry); the switch turns
        itself off once they are used up. DynamoDB and SNS Tasks call moto directly and have none.
      </p>
      {tasks.map(({ functionName, key, tasks: names }) => {
        const waiting = pending[functionName] ?? 0;
        return (
          <div class="fault" key={functionName} data-function={key}>
            <label class="switch" title={functionName}>
              <input
                type="checkbox"
                checked={waiting > 0}
                onChange={(event) => void toggle(functionName, (event.target as HTMLInputElement).checked)}
              />
              <span>
                {names.join(', ')} <span class="muted">({key})</span>
              </span>
            </label>
            <div class="row small">
              <select
                value={kind[functionName] ?? 'Lambda.ServiceException'}
                onChange={(event) =>
                  setKind({ ...kind, [functionName]: (event.target as HTMLSelectElement).value as FaultKind })
                }
              >
                {(Object.keys(FAULTS) as FaultKind[]).map((k) => (
                  <option key={k} value={k}>
                    {FAULTS[k].label}
                  </option>
                ))}
              </select>
              <select
                value={String(count[functionName] ?? 1)}
                onChange={(event) =>
                  setCount({ ...count, [functionName]: Number((event.target as HTMLSelectElement).value) })
                }
              >
                <option value="1">next 1</option>
                <option value="3">next 3</option>
                <option value="10">next 10</option>
                <option value="1000">until off</option>
              </select>
              <span class="muted" data-testid="fault-pending">
                {waiting > 0 ? `${waiting} pending` : 'off'}
              </span>
            </div>
          </div>
        );
      })}
      {error !== undefined && <p class="error">{error}</p>}
    </div>
  );
}
