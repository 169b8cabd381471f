import {
  EXAMPLE_ORDERS,
  type ExampleOrderName,
  executionArnOf,
  intakeClient,
  maskCardNumber,
} from '@orders/shared-types';
import { useState } from 'preact/hooks';
import type { Outputs } from '../api.js';
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

// The page is served by the local stack, which serves the intake API too: same origin, so `/orders`.
const intake = intakeClient('');

/** What the last submission sent (to send it again) and what the API answered. */
interface Submission {
  readonly orderId: string;
  readonly example: ExampleOrderName;
  readonly idempotencyKey: string;
  readonly answer: string;
}

/**
 * Submit an example order through the intake API (`POST /orders`, which tokenizes the card; a new order id
 * each time), or the last one again with the same Idempotency-Key (the API answers as it did, and starts
 * nothing new); and switch faults per Task.
 */
export const TryIt = pure(function TryIt({ outputs, definition, onStarted }: TryItProps) {
  const [example, setExample] = useState<ExampleOrderName>('success');
  const [last, setLast] = useState<Submission>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const order = EXAMPLE_ORDERS[example];

  const submit = async (again: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const stamp = Date.now().toString(36);
      const previous = again ? last : undefined;
      const source = previous?.example ?? example;
      const orderId = previous?.orderId ?? `console-${example}-${stamp}`;
      const idempotencyKey = previous?.idempotencyKey ?? `console-${stamp}`;
      const answer = await intake.submit({ ...EXAMPLE_ORDERS[source], orderId }, { idempotencyKey });
      if (answer.status !== 202 || !('orderId' in answer.body)) {
        const body = answer.body as { error?: string; message?: string };
        throw new Error(
          `POST /orders answered ${answer.status} ${body.error ?? ''}: ${body.message ?? answer.text}`,
        );
      }
      const replayed = previous === undefined ? '' : ' (the same answer again: nothing new started)';
      setLast({ orderId, example: source, idempotencyKey, answer: `202 ${answer.body.state}${replayed}` });
      onStarted(executionArnOf(outputs.stateMachineArn, answer.body.orderId));
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
            title="Send the last order again with the same Idempotency-Key: the API answers as it did the first time"
          >
            Submit {last === undefined ? 'again' : `${last.orderId.slice(0, 28)} again`}
          </button>
        </div>
        {last !== undefined && (
          <p class="muted small" data-testid="intake-answer">
            POST /orders → {last.answer}
          </p>
        )}
        {error !== undefined && <p class="error">{error}</p>}
      </form>
      <FaultSwitches outputs={outputs} definition={definition} />
    </section>
  );
});
