import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StackModel } from '@orders/local';
import { STATES } from '../support/workflow-states.js';
import { GRANT_MUTATIONS, intakeFunction } from './grant-mutations.js';

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

/** What an edit of the definition gets: its states by name, and a way to add one beside another. */
interface DefinitionEditor {
  state(name: string): State;
  /** Delete a state (the engine refuses a definition with unreachable states). */
  remove(name: string): void;
  /** Add `state` as `name` to the states (the top level or the branch) that hold `beside`. */
  add(beside: string, name: string, state: State): void;
  /** Make `name` a Pass state with `output` that goes where it went: entered as before, doing nothing. */
  skip(name: string, output: string): void;
}

/** A copy of the model whose definition went through `edit`. */
function editDefinition(model: StackModel, edit: (editor: DefinitionEditor) => void): StackModel {
  const definition = JSON.parse(model.stateMachine.definition) as Definition;
  const states = statesOf(definition);
  const found = (name: string) => {
    const entry = states.get(name);
    if (entry === undefined) throw new Error(`break-it: no state named '${name}' in the definition`);
    return entry;
  };
  edit({
    state: (name) => found(name).state,
    remove(name) {
      delete found(name).parent[name];
    },
    add(beside, name, state) {
      found(beside).parent[name] = state;
    },
    skip(name, output) {
      const entry = found(name);
      const { Next, End } = entry.state;
      entry.parent[name] = {
        Type: 'Pass',
        Comment: 'break-it: does nothing',
        Output: output,
        ...(Next === undefined ? {} : { Next }),
        ...(End === undefined ? {} : { End }),
      };
    },
  });
  return { ...model, stateMachine: { ...model.stateMachine, definition: JSON.stringify(definition) } };
}

function choiceRules(state: State): Array<Record<string, unknown>> {
  return state.Choices as Array<Record<string, unknown>>;
}

type CatchRule = { ErrorEquals: string[]; Next: string; Assign?: Record<string, string> };

/** The Catch rule of `state` that names `error`. */
function catchRuleFor(state: State, error: string): CatchRule {
  const rule = ((state.Catch as CatchRule[] | undefined) ?? []).find((r) => r.ErrorEquals.includes(error));
  if (rule === undefined) throw new Error(`break-it: no Catch rule for ${error}`);
  return rule;
}

/** Drop every Retry rule of `state` that retries a Lambda service error (by name or as States.ALL). */
function dropLambdaRetry(state: State): void {
  const rules = (state.Retry as Array<{ ErrorEquals: string[] }> | undefined) ?? [];
  const kept = rules.filter(
    (r) => !r.ErrorEquals.includes('Lambda.ServiceException') && !r.ErrorEquals.includes('States.ALL'),
  );
  if (kept.length === rules.length) throw new Error('break-it: the state has no Lambda service-error retry');
  if (kept.length === 0) delete state.Retry;
  else state.Retry = kept;
}

const NOTHING_RELEASED = "{% { 'releasedItems': [], 'releasedAt': $now(), 'alreadyReleased': false } %}";

/** The tests of a file that run once per case (`it.each`), as vitest titles them. */
const scenario1 = [
  "charges, records PAYMENT_PROCESSED, notifies and sells the stock ('one of each item')",
  "charges, records PAYMENT_PROCESSED, notifies and sells the stock ('quantities, one item on two lines')",
];
const scenario2 = [
  'records and notifies the rejection, charges nothing, gives the stock back, and fails with PaymentDetailsRejected',
];
const scenario3 = [
  "rejects 'an item with no stock', naming every short item",
  "rejects 'a quantity above the stock', naming every short item",
  "rejects 'two lines of one item that together e…', naming every short item",
  "rejects 'two short items', naming every short item",
];
/** Scenario 5's tests of the workflow's own check (the API's 400s never reach the workflow). */
const scenario5 = [
  "rejects a card-free order with 'a missing customer id', started directly, with a clear error and charges nothing",
  "rejects a card-free order with 'a total that does not add up', started directly, with a clear error and charges nothing",
  "rejects a card-free order with 'a line of no units', started directly, with a clear error and charges nothing",
];
/** Scenario 6's tests of the workflow's claim (a second execution of one order, started directly). */
const scenario6 = {
  inARow:
    'charges once, reserves once and writes one row; a second execution of the order returns the recorded order',
  atOnce:
    'lets one of two simultaneous executions of one order through; the other is answered as a duplicate',
};
/** Scenario 8's tests of the orders submitted through the API. */
const scenario8Paths = [
  "keeps the card out of what the 'processed' path leaves behind",
  "keeps the card out of what the 'declined' path leaves behind",
  "keeps the card out of what the 'rejected' path leaves behind",
];

/**
 * The breaks the suite must notice, one or more per scenario. Each is a change a plausible edit of the
 * workflow or a Lambda could make; none touches a file: the local stack runs a changed copy of the model
 * (definition edits, or a function's bundle copied and changed in a temporary directory).
 */
export const MUTATIONS: Record<string, Mutation> = {
  'no-processed-notification': {
    scenario: '01-valid-order',
    breaks: 'the processed order is recorded but never notified (Record Processed Order ends the run)',
    expect: { tests: scenario1, reason: /^states visited: .*Record Processed Order:/ },
    apply: (model) =>
      editDefinition(model, ({ state, remove }) => {
        const record = state(STATES.recordProcessed);
        delete record.Next;
        record.End = true;
        remove(STATES.notifyProcessed);
        // The outbox is entered only from Notify Order Processed's Catch: unreachable without it.
        remove(STATES.outboxProcessed);
      }),
  },
  'reservation-takes-no-stock': {
    scenario: '01-valid-order',
    breaks:
      "reserve-stock's transaction records the reservation but leaves the stock as it was (orders sold without stock)",
    expect: { tests: scenario1, reason: /^stock after a processed order/ },
    apply: (model) => ({
      ...model,
      functions: model.functions.map((fn) =>
        fn.key === 'reserveStock'
          ? patchedCopy(fn, '"SET #stock = #stock - :q"', '"SET #stock = #stock"')
          : fn,
      ),
    }),
  },
  'verification-ignored': {
    scenario: '02-payment-not-verified',
    breaks: 'Verify Payment Details catches PaymentDetailsRejected and carries on as verified',
    expect: { tests: scenario2, reason: /expected 'SUCCEEDED' to be 'FAILED'/ },
    apply: (model) =>
      editDefinition(model, ({ state, add }) => {
        const ignored = 'Verification Ignored';
        state(STATES.verifyPayment).Catch = [{ ErrorEquals: ['PaymentDetailsRejected'], Next: ignored }];
        add(STATES.verifyPayment, ignored, {
          Type: 'Pass',
          Output: "{% { 'paymentVerified': true, 'cardType': 'VISA', 'cardLast4': '0000' } %}",
          End: true,
        });
      }),
  },
  'no-release-on-rejection': {
    scenario: '02-payment-not-verified',
    breaks: 'Release Stock Of Rejected Order does nothing: a rejected order keeps its reservation',
    expect: { tests: scenario2, reason: /^stock after a rejected order/ },
    apply: (model) => editDefinition(model, ({ skip }) => skip(STATES.releaseRejected, NOTHING_RELEASED)),
  },
  'stock-condition-unchecked': {
    scenario: '03-out-of-stock',
    breaks: "reserve-stock's transaction no longer checks that the stock covers the quantity",
    expect: { tests: scenario3, reason: /expected 'SUCCEEDED' to be 'FAILED'/ },
    apply: (model) => ({
      ...model,
      functions: model.functions.map((fn) =>
        fn.key === 'reserveStock'
          ? patchedCopy(fn, '"#stock >= :q"', '"#stock >= :q OR attribute_exists(#stock)"')
          : fn,
      ),
    }),
  },
  'payment-error-uncaught': {
    scenario: '04-payment-declined',
    breaks: 'Charge Payment no longer catches PaymentError (it ends up in the rejected exit as FAILED)',
    expect: {
      tests: [
        'catches PaymentError from Charge Payment, gives the stock back, and records and notifies the failure',
        'ends SUCCEEDED: a declined payment is an outcome, not a workflow failure',
      ],
      // Not routed to the declined exit; the PaymentError fails the execution.
      reason:
        /^states visited: .*Charge Payment > Release Stock Of Rejected Order|^PaymentError: .*expected 'FAILED' to be 'SUCCEEDED'/,
    },
    apply: (model) =>
      editDefinition(model, ({ state }) => {
        // Match nothing rather than delete the rule: its target states stay reachable.
        const rule = catchRuleFor(state(STATES.chargePayment), 'PaymentError');
        rule.ErrorEquals = rule.ErrorEquals.map((e) => (e === 'PaymentError' ? 'NoSuchError' : e));
      }),
  },
  'no-release-on-decline': {
    scenario: '04-payment-declined',
    breaks: 'Release Stock Of Declined Order does nothing: a declined order keeps its reservation',
    expect: {
      tests: [
        'catches PaymentError from Charge Payment, gives the stock back, and records and notifies the failure',
      ],
      reason: /^stock after a declined order/,
    },
    apply: (model) => editDefinition(model, ({ skip }) => skip(STATES.releaseDeclined, NOTHING_RELEASED)),
  },
  'invalid-order-uncaught': {
    scenario: '05-invalid-input',
    breaks: 'the Parallel state catches nothing (an invalid order is not released, recorded or told)',
    expect: {
      tests: scenario5,
      // The rejection path is never entered (nothing released or recorded, nobody told).
      reason: /^states visited: (?!.*Record Rejected Order)/,
    },
    apply: (model) =>
      editDefinition(model, ({ state }) => {
        delete state(STATES.verifyAndReserve).Catch;
      }),
  },
  'raw-error-document': {
    scenario: '05-invalid-input',
    breaks:
      "the InvalidOrder reason is the Lambda's raw error document (JSON with a stack trace), not its message",
    expect: { tests: scenario5, reason: /^reason is an error document: \{"errorType":"InvalidOrder"/ },
    apply: (model) =>
      editDefinition(model, ({ state }) => {
        const rule = catchRuleFor(state(STATES.verifyAndReserve), 'InvalidOrder');
        rule.Assign = {
          ...rule.Assign,
          rejection:
            "{% { 'state': 'INVALID_ORDER', 'error': 'InvalidOrder', 'reason': $states.errorOutput.Cause } %}",
        };
      }),
  },
  'claim-unconditional': {
    scenario: '06-duplicate-order',
    breaks: 'Claim Order writes whether or not the order id is taken (no idempotency step)',
    expect: {
      tests: [scenario6.inARow, scenario6.atOnce],
      // At once, Record Processed Order's condition lets only one record; the other still reserved (and charged).
      reason:
        /^the resubmission entered Charge Payment|^exactly one execution records the order|^the duplicate entered (Reserve Stock|Charge Payment)/,
    },
    apply: (model) => editDefinition(model, ({ state }) => unconditionalClaim(state(STATES.claimOrder))),
  },
  'resubmission-charged-again': {
    scenario: '06-duplicate-order',
    breaks:
      'no idempotency step, and a payment provider that forgets its keys: the resubmission is charged again',
    expect: {
      tests: [scenario6.inARow, scenario6.atOnce],
      reason:
        /^successful charges across both executions|^exactly one execution records the order|^the duplicate entered (Reserve Stock|Charge Payment)/,
    },
    apply: (model) => {
      const unchecked = MUTATIONS['claim-unconditional']!.apply(model);
      return {
        ...unchecked,
        functions: unchecked.functions.map((fn) => (fn.key === 'chargePayment' ? forgetfulCopy(fn) : fn)),
      };
    },
  },
  'duplicate-answers-unfinished': {
    scenario: '06-duplicate-order',
    breaks:
      'Order Already Recorded? returns whatever is recorded: a duplicate of an order still in progress succeeds',
    expect: { tests: [scenario6.atOnce], reason: /^the duplicate answers with the recorded outcome/ },
    apply: (model) =>
      editDefinition(model, ({ state }) => {
        const [rule] = choiceRules(state(STATES.alreadyRecorded));
        if (rule === undefined) throw new Error('break-it: Order Already Recorded? has no rule');
        rule.Condition = '{% true %}';
      }),
  },
  'no-lambda-retry': {
    scenario: '07-transient-lambda-failure',
    breaks:
      'Charge Payment, Verify Payment Details and Reserve Stock lose every retry of Lambda service errors (named or States.ALL)',
    expect: {
      tests: [
        "retries 'charge-payment' after a Lambda.ServiceException and the order succeeds",
        "retries 'verify-payment' after a Lambda.ServiceException and the order succeeds",
        "retries 'reserve-stock' after a Lambda.ServiceException and the order succeeds",
      ],
      reason: /^Lambda\.ServiceException: injected .*expected 'FAILED' to be 'SUCCEEDED'/,
    },
    apply: (model) =>
      editDefinition(model, ({ state }) => {
        for (const name of [STATES.chargePayment, STATES.verifyPayment, STATES.reserveStock]) {
          dropLambdaRetry(state(name));
        }
      }),
  },
  'intake-logs-event': {
    scenario: '08-card-number-nowhere',
    breaks: 'the intake API function writes its raw event (the request body, card included) to its log',
    expect: {
      tests: [...scenario8Paths, 'leaves no card data in any Lambda log line'],
      reason: /^card data left behind by order \S+ at logLines\[|^Lambda log lines holding card data/,
    },
    apply: (model) => {
      const intake = intakeFunction(model);
      return {
        ...model,
        functions: model.functions.map((fn) => (fn.key === intake.key ? loggingCopy(fn) : fn)),
      };
    },
  },
  'card-passed-on-when-refused': {
    scenario: '08-card-number-nowhere',
    breaks: 'Card In Input? passes a refused input on (its card reaches the next state) instead of nothing',
    expect: {
      tests: [
        'refuses a raw order sent straight to StartExecution as InvalidOrder before anything is recorded',
      ],
      reason: /^history events holding card data/,
    },
    apply: (model) =>
      editDefinition(model, ({ state }) => {
        const guard = state(STATES.cardInInput);
        if (typeof guard.Output !== 'string' || !guard.Output.includes('{}'))
          throw new Error(
            `break-it: Card In Input?'s Output does not drop the input: ${String(guard.Output)}`,
          );
        guard.Output = '{% $states.input %}';
      }),
  },
  // One per grant of the program's roles that a scenario exercises (the local stack enforces IAM).
  ...GRANT_MUTATIONS,
};

/**
 * Claim Order's condition made always true, with the same placeholders (DynamoDB refuses names and values
 * an expression does not use): a resubmission claims the order id again and goes on to reserve and charge.
 */
function unconditionalClaim(claim: State): void {
  const args = claim.Arguments as Record<string, unknown>;
  const condition = args.ConditionExpression;
  if (typeof condition !== 'string' || !condition.includes('attribute_not_exists(OrderId)'))
    throw new Error(`break-it: Claim Order's condition is not the claim: ${String(condition)}`);
  args.ConditionExpression = `${condition} OR attribute_exists(OrderId)`;
}

type LambdaFunction = StackModel['functions'][number];

/** A copy of `fn` whose bundle directory holds `source` as index.mjs (`source` gets the real bundle's URL). */
function wrappedCopy(fn: LambdaFunction, source: (original: string) => string): LambdaFunction {
  const dir = mkdtempSync(join(tmpdir(), 'orders-break-it-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const original = pathToFileURL(join(fn.bundleDir, 'index.mjs')).href;
  writeFileSync(join(dir, 'index.mjs'), source(JSON.stringify(original)));
  return { ...fn, bundleDir: dir };
}

/**
 * A copy of `fn`'s whole bundle directory with `from` replaced by `to` in its code (exactly once across
 * its files, else the bundle is not the one this break was written for).
 */
function patchedCopy(fn: LambdaFunction, from: string, to: string): LambdaFunction {
  const dir = mkdtempSync(join(tmpdir(), 'orders-break-it-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cpSync(fn.bundleDir, dir, { recursive: true });
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.mjs'));
  let replaced = 0;
  for (const file of files) {
    const path = join(dir, file);
    const code = readFileSync(path, 'utf8');
    const parts = code.split(from);
    if (parts.length === 1) continue;
    replaced += parts.length - 1;
    writeFileSync(path, parts.join(to));
  }
  if (replaced !== 1) throw new Error(`break-it: ${fn.key}'s bundle holds ${replaced} × ${from}, expected 1`);
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
