import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StackModel } from '@orders/local';
import { STATES } from '../support/workflow-states.js';

type State = Record<string, unknown>;
type Definition = { States: Record<string, State> };

/** What must fail when a mutation is applied: anything else (more tests, fewer, another reason) is a miss. */
export interface ExpectedFailure {
  /** The titles of the tests that must fail (as vitest reports them, `it.each` labels filled in). */
  readonly tests: readonly string[];
  /** Every failing test's first assertion message must match: the failure is about the break. */
  readonly reason: RegExp;
}

/** A deliberate break of one behaviour, the scenario file that must catch it and how it must fail. */
export interface Mutation {
  readonly scenario: string;
  readonly breaks: string;
  readonly expect: ExpectedFailure;
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
    expect: {
      tests: ['charges, records PAYMENT_PROCESSED and notifies'],
      reason: /^states visited: .*Record Processed Order:/,
    },
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
    expect: {
      tests: ['records and notifies the rejection, charges nothing, and fails with PaymentDetailsRejected'],
      reason: /expected 'SUCCEEDED' to be 'FAILED'/,
    },
    apply: (model) =>
      editDefinition(model, (state) => {
        const [rule] = choiceRules(state(STATES.paymentVerified));
        if (rule) rule.Condition = '{% false %}';
      }),
  },
  'stock-zero-only': {
    scenario: '03-out-of-stock',
    breaks: "the original's defect: an item is out of stock only when its stock is 0, whatever the quantity",
    expect: {
      tests: [
        "rejects 'a quantity above the stock', naming the item",
        "rejects 'two lines of one item that together e…', naming the item",
      ],
      reason: /expected 'SUCCEEDED' to be 'FAILED'/,
    },
    apply: (model) =>
      editDefinition(model, (state) => {
        const [rule] = choiceRules(state(STATES.enoughStock));
        if (rule) rule.Condition = '{% $states.input.quantityInStock = 0 %}';
      }),
  },
  'payment-error-uncaught': {
    scenario: '04-payment-declined',
    breaks: 'Charge Payment no longer catches PaymentError',
    expect: {
      tests: [
        'catches PaymentError from Charge Payment and records and notifies the failure',
        'ends SUCCEEDED: a declined payment is an outcome, not a workflow failure',
      ],
      // Not routed to Record Declined Order; the PaymentError ends the execution.
      reason: /^states visited: .*Charge Payment:|^PaymentError: .*expected 'FAILED' to be 'SUCCEEDED'/,
    },
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
    expect: {
      tests: [
        "rejects 'missing fields' with a clear error and charges nothing",
        "rejects 'a total that does not add up' with a clear error and charges nothing",
      ],
      // The rejection path is never entered (nothing recorded, nobody told).
      reason: /^states visited: (?!.*Record Rejected Order)/,
    },
    apply: (model) =>
      editDefinition(model, (state) => {
        delete state(STATES.verifyAndRetrieve).Catch;
      }),
  },
  'raw-error-document': {
    scenario: '05-invalid-input',
    breaks:
      "the InvalidOrder reason is the Lambda's raw error document (JSON with a stack trace), not its message",
    expect: {
      tests: [
        "rejects 'missing fields' with a clear error and charges nothing",
        "rejects 'a total that does not add up' with a clear error and charges nothing",
      ],
      reason: /^reason is an error document: \{"errorType":"InvalidOrder"/,
    },
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
    expect: {
      tests: ['charges once and writes one row; the resubmission returns the recorded order'],
      reason: /^the resubmission entered Charge Payment/,
    },
    apply: (model) =>
      editDefinition(model, (state) => {
        for (const rule of choiceRules(state(STATES.alreadyRecorded))) rule.Condition = '{% false %}';
      }),
  },
  'resubmission-charged-again': {
    scenario: '06-duplicate-order',
    breaks:
      'no idempotency check, and a payment provider that forgets its keys: the resubmission is charged again',
    expect: {
      tests: ['charges once and writes one row; the resubmission returns the recorded order'],
      reason: /^successful charges across both executions/,
    },
    apply: (model) => {
      const unchecked = MUTATIONS['no-existing-order-check']!.apply(model);
      return {
        ...unchecked,
        functions: unchecked.functions.map((fn) => (fn.key === 'chargePayment' ? forgetfulCopy(fn) : fn)),
      };
    },
  },
  'charge-key-per-execution': {
    scenario: '06-duplicate-order',
    breaks:
      "Charge Payment's idempotency key is made per execution, not per order (two concurrent runs, two charges)",
    expect: {
      tests: ['lets one of two simultaneous submissions through; the other is answered as a duplicate'],
      reason: /^every charge carries the recorded charge id/,
    },
    apply: (model) =>
      editDefinition(model, (state) => {
        const args = state(STATES.chargePayment).Arguments as Record<string, string>;
        const payload = args.Payload ?? '';
        // The log lines stay tied to the order (correlationId); only the key the provider sees changes.
        args.Payload = payload.replace(
          "'orderId': $orderId,",
          "'correlationId': $orderId, 'orderId': $orderId & '-' & $substring($states.context.Execution.Name, -8),",
        );
        if (args.Payload === payload) throw new Error("break-it: Charge Payment's payload has no 'orderId'");
      }),
  },
  'unconditional-record': {
    scenario: '06-duplicate-order',
    breaks: 'Record Processed Order overwrites an existing row (no attribute_not_exists condition)',
    expect: {
      tests: ['lets one of two simultaneous submissions through; the other is answered as a duplicate'],
      reason: /^exactly one execution records the order/,
    },
    apply: (model) =>
      editDefinition(model, (state) => {
        const args = state(STATES.recordProcessed).Arguments as Record<string, unknown>;
        if (!('ConditionExpression' in args))
          throw new Error('break-it: Record Processed Order has no condition');
        delete args.ConditionExpression;
      }),
  },
  'no-lambda-retry': {
    scenario: '07-transient-lambda-failure',
    breaks: 'Charge Payment and Verify Payment Details lose their retry of Lambda service errors',
    expect: {
      tests: [
        "retries 'charge-payment' after a Lambda.ServiceException and the order succeeds",
        "retries 'verify-payment' after a Lambda.ServiceException and the order succeeds",
      ],
      reason: /^Lambda\.ServiceException: injected .*expected 'FAILED' to be 'SUCCEEDED'/,
    },
    apply: (model) =>
      editDefinition(model, (state) => {
        delete state(STATES.chargePayment).Retry;
        delete state(STATES.verifyPayment).Retry;
      }),
  },
  'charge-logs-event': {
    scenario: '08-card-number-nowhere',
    breaks: 'charge-payment writes its raw event (payment details included) to its log',
    expect: {
      tests: ['leaves no card number in any Lambda log line'],
      reason: /^Lambda log lines holding a card number/,
    },
    apply: (model) => ({
      ...model,
      functions: model.functions.map((fn) => (fn.key === 'chargePayment' ? loggingCopy(fn) : fn)),
    }),
  },
  'card-in-notification': {
    scenario: '08-card-number-nowhere',
    breaks: 'the processed-order notification carries the payment details',
    expect: {
      tests: ["keeps the card out of what the 'processed' path leaves behind"],
      reason: /^card number in the notification/,
    },
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

type LambdaFunction = StackModel['functions'][number];

/** A copy of `fn` whose bundle directory holds `source` as index.mjs (`source` gets the real bundle's URL). */
function wrappedCopy(fn: LambdaFunction, source: (original: string) => string): LambdaFunction {
  const dir = mkdtempSync(join(tmpdir(), 'orders-break-it-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const original = pathToFileURL(join(fn.bundleDir, 'index.mjs')).href;
  writeFileSync(join(dir, 'index.mjs'), source(JSON.stringify(original)));
  return { ...fn, bundleDir: dir };
}

/** A bundle whose handler logs the event, then calls the real bundle. */
function loggingCopy(fn: LambdaFunction): LambdaFunction {
  return wrappedCopy(
    fn,
    (original) =>
      `import { handler as real } from ${original};\n` +
      'export const handler = async (event, context) => {\n' +
      '  console.log(JSON.stringify({ message: "event received", event }));\n' +
      '  return real(event, context);\n' +
      '};\n',
  );
}

/**
 * A bundle that loads a fresh copy of the real one per invocation: module state (the simulated provider's
 * memory of idempotency keys) does not survive from one invocation to the next, as if each ran elsewhere.
 */
function forgetfulCopy(fn: LambdaFunction): LambdaFunction {
  return wrappedCopy(
    fn,
    (original) =>
      'let invocation = 0;\n' +
      'export const handler = async (event, context) => {\n' +
      `  const { handler: real } = await import(\`\${${original}}?invocation=\${++invocation}\`);\n` +
      '  return real(event, context);\n' +
      '};\n',
  );
}
