import { EXAMPLE_ORDERS, type ExampleOrderName, maskCardNumber } from '@orders/shared-types';
import { useState } from 'preact/hooks';
import { type Outputs, stepFunctions } from '../api.js';
import { pure } from '../hooks.js';
import { FaultSwitches } from './fault-switches.js';

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
      <FaultSwitches outputs={outputs} definition={definition} />
    </section>
  );
});
