import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StackModel } from '@orders/local';
import { STATES } from '../support/workflow-states.js';

type State = Record<string, unknown>;
type Definition = { States: Record<string, State> };

/** A deliberate break of one behaviour, and the scenario file that must catch it. */
export interface Mutation {
  readonly scenario: string;
  readonly breaks: string;
  apply(model: StackModel): StackModel;
}

/** Every state of the definition by name, nested Parallel branches and Map processors included. */
function statesOf(definition: Definition): Map<string, { state: State; parent: Record<string, State> }> {
  const found = new Map<string, { state: State; parent: Record<string, State> }>();
  const walk = (states: Record<string, State>) => {
    for (const [name, state] of Object.entries(states)) {
      found.set(name, { state, parent: states });
      for (const branch of (state.Branches as Definition[] | undefined) ?? []) walk(branch.States);
      const processor = state.ItemProcessor as Definition | undefined;
      if (processor !== undefined) walk(processor.States);
    }
  };
  walk(definition.States);
  return found;
}

/** A copy of the model whose definition went through `edit` (which gets the states by name). */
function editDefinition(
  model: StackModel,
  edit: (state: (name: string) => State, remove: (name: string) => void) => void,
): StackModel {
  const definition = JSON.parse(model.stateMachine.definition) as Definition;
  const states = statesOf(definition);
  const state = (name: string) => {
    const found = states.get(name);
    if (found === undefined) throw new Error(`break-it: no state named '${name}' in the definition`);
    return found.state;
  };
  const remove = (name: string) => {
    const found = states.get(name);
    if (found === undefined) throw new Error(`break-it: no state named '${name}' in the definition`);
    delete found.parent[name];
  };
  edit(state, remove);
  return { ...model, stateMachine: { ...model.stateMachine, definition: JSON.stringify(definition) } };
}

function choiceRules(state: State): Array<Record<string, unknown>> {
  return state.Choices as Array<Record<string, unknown>>;
}

/**
 * The breaks the suite must notice, one or more per scenario. Each is a change a plausible edit of the
 * workflow or a Lambda could make; none touches a file: the local stack runs a changed copy of the model.
 */
export const MUTATIONS: Record<string, Mutation> = {
  'no-processed-notification': {
    scenario: '01-valid-order',
    breaks: 'the processed order is recorded but never notified (Record Processed Order ends the run)',
    apply: (model) =>
      editDefinition(model, (state, remove) => {
        const record = state(STATES.recordProcessed);
        delete record.Next;
        record.End = true;
        remove(STATES.notifyProcessed);
      }),
  },
  'verification-ignored': {
    scenario: '02-payment-not-verified',
    breaks: 'Payment Details Verified? never routes to the rejection (paymentVerified is ignored)',
    apply: (model) =>
      editDefinition(model, (state) => {
        const [rule] = choiceRules(state(STATES.paymentVerified));
        if (rule) rule.Condition = '{% false %}';
      }),
  },
  'stock-zero-only': {
    scenario: '03-out-of-stock',
    breaks: "the original's defect: an item is out of stock only when its stock is 0, whatever the quantity",
    apply: (model) =>
      editDefinition(model, (state) => {
        const [rule] = choiceRules(state(STATES.enoughStock));
        if (rule) rule.Condition = '{% $states.input.quantityInStock = 0 %}';
      }),
  },
  'payment-error-uncaught': {
    scenario: '04-payment-declined',
    breaks: 'Charge Payment no longer catches PaymentError',
    apply: (model) =>
      editDefinition(model, (state) => {
        // Match nothing rather than delete the Catch: its target states must stay reachable.
        const catchers = state(STATES.chargePayment).Catch as Array<{ ErrorEquals: string[] }>;
        for (const catcher of catchers) {
          catcher.ErrorEquals = catcher.ErrorEquals.map((e) => (e === 'PaymentError' ? 'NoSuchError' : e));
        }
      }),
  },
  'invalid-order-uncaught': {
    scenario: '05-invalid-input',
    breaks: 'the Parallel state no longer catches InvalidOrder (nothing recorded, nobody told)',
    apply: (model) =>
      editDefinition(model, (state) => {
        delete state(STATES.verifyAndRetrieve).Catch;
      }),
  },
  'raw-error-document': {
    scenario: '05-invalid-input',
    breaks:
      "the InvalidOrder reason is the Lambda's raw error document (JSON with a stack trace), not its message",
    apply: (model) =>
      editDefinition(model, (state) => {
        const [rule] = state(STATES.verifyAndRetrieve).Catch as Array<{ Assign: Record<string, string> }>;
        if (rule === undefined) throw new Error('break-it: the Parallel state has no Catch');
        rule.Assign.rejection =
          "{% { 'state': 'INVALID_ORDER', 'error': 'InvalidOrder', 'reason': $states.errorOutput.Cause } %}";
      }),
  },
  'no-existing-order-check': {
    scenario: '06-duplicate-order',
    breaks: 'Order Already Recorded? always goes on to verify and charge (no idempotency check)',
    apply: (model) =>
      editDefinition(model, (state) => {
        for (const rule of choiceRules(state(STATES.alreadyRecorded))) rule.Condition = '{% false %}';
      }),
  },
  'no-lambda-retry': {
    scenario: '07-transient-lambda-failure',
    breaks: 'Charge Payment and Verify Payment Details lose their retry of Lambda service errors',
    apply: (model) =>
      editDefinition(model, (state) => {
        delete state(STATES.chargePayment).Retry;
        delete state(STATES.verifyPayment).Retry;
      }),
  },
  'charge-logs-event': {
    scenario: '08-card-number-nowhere',
    breaks: 'charge-payment writes its raw event (payment details included) to its log',
    apply: (model) => ({
      ...model,
      functions: model.functions.map((fn) => (fn.key === 'chargePayment' ? loggingCopy(fn) : fn)),
    }),
  },
  'card-in-notification': {
    scenario: '08-card-number-nowhere',
    breaks: 'the processed-order notification carries the payment details',
    apply: (model) =>
      editDefinition(model, (state) => {
        const record = state(STATES.recordProcessed);
        const assign = record.Assign as Record<string, string>;
        const notification = assign.notification ?? '';
        assign.notification = notification.replace(
          /^\{% \{/,
          "{% { 'paymentDetails': $order.paymentDetails,",
        );
        if (assign.notification === notification)
          throw new Error('break-it: notification is not a JSONata object');
      }),
  },
};

/** A bundle directory whose handler logs the event, then calls the real bundle. */
function loggingCopy(fn: StackModel['functions'][number]): StackModel['functions'][number] {
  const dir = mkdtempSync(join(tmpdir(), 'orders-break-it-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const original = pathToFileURL(join(fn.bundleDir, 'index.mjs')).href;
  writeFileSync(
    join(dir, 'index.mjs'),
    `import { handler as real } from ${JSON.stringify(original)};\n` +
      'export const handler = async (event, context) => {\n' +
      '  console.log(JSON.stringify({ message: "event received", event }));\n' +
      '  return real(event, context);\n' +
      '};\n',
  );
  return { ...fn, bundleDir: dir };
}
