import type { StackModel } from '@orders/local';
import type { Mutation } from './mutations.js';

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  [key: string]: unknown;
};
type Iam = NonNullable<StackModel['iam']>;

/** Whose grant: the state machine's role, a function's (by its `functionNames` key), or the intake's. */
type Grantee =
  | 'stateMachine'
  | 'intake'
  | 'verifyPayment'
  | 'reserveStock'
  | 'chargePayment'
  | 'releaseStock';

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

type LambdaFunction = StackModel['functions'][number];

/** The function the HTTP API's routes invoke: the intake (it has no key under `functionNames`). */
export function intakeFunction(model: StackModel): LambdaFunction {
  const names = new Set((model.httpApi?.routes ?? []).map((route) => route.functionName));
  const [intake, ...others] = model.functions.filter((fn) => names.has(fn.name));
  if (intake === undefined || others.length > 0)
    throw new Error(`break-it: expected one function behind the HTTP API, found ${names.size}`);
  return intake;
}

function roleArnOf(model: StackModel, grantee: Grantee): string {
  if (grantee === 'stateMachine') return model.stateMachine.roleArn;
  const fn = grantee === 'intake' ? intakeFunction(model) : model.functions.find((f) => f.key === grantee);
  const roleArn = fn?.roleArn;
  if (roleArn === undefined) throw new Error(`break-it: function ${grantee} has no role in the model`);
  return roleArn;
}

/**
 * A copy of the model whose `grantee` role no longer grants `action` on `resource`: the statement that grants
 * it keeps its other actions and resources (split in two where needed). Throws when no statement grants it,
 * so a break cannot go stale silently.
 */
export function withoutGrant(
  model: StackModel,
  grantee: Grantee,
  action: string,
  resource: string,
): StackModel {
  const iam: Iam | undefined = model.iam;
  if (iam === undefined) throw new Error('break-it: the model carries no IAM');
  const roleArn = roleArnOf(model, grantee);
  let removed = 0;
  const roles = iam.roles.map((role) => {
    if (role.arn !== roleArn) return role;
    const policies = role.policies.map((policy) => {
      const statements = list(policy.document.Statement as Statement | Statement[]);
      const kept = statements.flatMap((s): Statement[] => {
        const actions = list(s.Action);
        const resources = list(s.Resource);
        if (s.Effect !== 'Allow' || !actions.includes(action) || !resources.includes(resource)) return [s];
        removed++;
        const otherActions = actions.filter((a) => a !== action);
        const otherResources = resources.filter((r) => r !== resource);
        return [
          ...(otherActions.length > 0 ? [{ ...s, Action: otherActions }] : []),
          ...(otherResources.length > 0 ? [{ ...s, Action: [action], Resource: otherResources }] : []),
        ];
      });
      return { ...policy, document: { ...policy.document, Statement: kept } };
    });
    return { ...role, policies };
  });
  if (removed === 0) throw new Error(`break-it: ${grantee}'s role grants no ${action} on ${resource}`);
  return { ...model, iam: { ...iam, roles } };
}

type Definition = { States: Record<string, Record<string, unknown>> };

/**
 * The definition with every Retry's waits cut to one second or less (IntervalSeconds 1, BackoffRate 1):
 * what is retried and how often stays as deployed. A refused call is retried like any other failure (the
 * Lambda Tasks' recommended retrier names `Lambda.AWSLambdaException`, the release Tasks retry
 * `States.ALL` six times), which with the deployed waits takes one to two minutes, past the scenario's wait.
 */
export function withShortRetries(model: StackModel): StackModel {
  const definition = JSON.parse(model.stateMachine.definition) as Definition;
  const walk = (states: Definition['States']) => {
    for (const state of Object.values(states)) {
      for (const rule of (state.Retry as Array<Record<string, unknown>> | undefined) ?? []) {
        if (rule.MaxAttempts === 0) continue;
        rule.IntervalSeconds = 1;
        rule.BackoffRate = 1;
        delete rule.MaxDelaySeconds;
      }
      for (const branch of (state.Branches as Definition[] | undefined) ?? []) walk(branch.States);
      const processor = state.ItemProcessor as Definition | undefined;
      if (processor !== undefined) walk(processor.States);
    }
  };
  walk(definition.States);
  return { ...model, stateMachine: { ...model.stateMachine, definition: JSON.stringify(definition) } };
}

const table = (model: StackModel, name: 'ordersTableName' | 'inventoryTableName') =>
  `arn:aws:dynamodb:${model.region}:${model.accountId}:table/${model.outputs[name]}`;
/** The card vault: the table verify-payment's environment names (its only table). */
const vaultTable = (model: StackModel) => {
  const settings = Object.values(model.functions.find((fn) => fn.key === 'verifyPayment')?.environment ?? {});
  const vault = model.tables.find((t) => settings.includes(t.name));
  if (vault === undefined) throw new Error("break-it: no table in verify-payment's environment");
  return `arn:aws:dynamodb:${model.region}:${model.accountId}:table/${vault.name}`;
};
const functionArn = (model: StackModel, key: string) => {
  const arn = model.functions.find((fn) => fn.key === key)?.arn;
  if (arn === undefined) throw new Error(`break-it: no function ${key} in the model`);
  return arn;
};

const SCENARIO_1 = [
  "charges, records PAYMENT_PROCESSED, notifies and sells the stock ('one of each item')",
  "charges, records PAYMENT_PROCESSED, notifies and sells the stock ('quantities, one item on two lines')",
];
const SCENARIO_2 = [
  'records and notifies the rejection, charges nothing, gives the stock back, and fails with PaymentDetailsRejected',
];
const SCENARIO_4 = [
  'catches PaymentError from Charge Payment, gives the stock back, and records and notifies the failure',
  'ends SUCCEEDED: a declined payment is an outcome, not a workflow failure',
];
/** Scenario 6's tests that run the workflow's own duplicate exit (Find Recorded Order). */
const SCENARIO_6 = [
  'charges once, reserves once and writes one row; a second execution of the order returns the recorded order',
  'lets one of two simultaneous executions of one order through; the other is answered as a duplicate',
];

/** The access-denied message of `principal` (a role name) for `action`, as the local stack words AWS's. */
const denied = (role: string, action: string) =>
  new RegExp(
    `assumed-role/orders-local-${role}-role/\\S+ is not authorized to perform: ${action} on resource:`,
  );
/** The refusal of `action` on a resource whose ARN ends in `resource`, and the run failing for it. */
const deniedThenFailed = (role: string, action: string, resource: string) =>
  new RegExp(`${denied(role, action).source} \\S+${resource} .*expected 'FAILED' to be 'SUCCEEDED'`);

function grantBreak(
  scenario: string,
  grantee: Grantee,
  action: string,
  resource: (model: StackModel) => string,
  breaks: string,
  tests: readonly string[],
  reason: RegExp,
): Mutation {
  return {
    scenario,
    breaks: `IAM: ${breaks}`,
    expect: { tests, reason },
    apply: (model) => withShortRetries(withoutGrant(model, grantee, action, resource(model))),
  };
}

/**
 * One break per grant the scenarios exercise: the grant is removed from the role in the model the local
 * stack enforces, and the scenario that needs it must fail with the access-denied error. Not here, because no
 * scenario makes the call: the roles' `logs:*` grants and the state machine's log-delivery and X-Ray actions
 * (the local stack ships no logs or traces), the sweeper's grants (nothing schedules it locally), and
 * reserve-stock's `dynamodb:GetItem` on Orders (read only when its reservation is refused because the order
 * was already released: a race no scenario forces).
 */
export const GRANT_MUTATIONS: Record<string, Mutation> = {
  'no-grant-intake-start-execution': grantBreak(
    '01-valid-order',
    'intake',
    'states:StartExecution',
    (m) => m.outputs.stateMachineArn,
    "the intake's role may not start the workflow (POST /orders cannot hand the order on)",
    SCENARIO_1,
    // The intake answers 500 and logs the refused call; the order never reaches the workflow.
    /^POST \/orders answered 500, expected 202: \{"error":"InternalError"/,
  ),
  'no-grant-intake-put-vault': grantBreak(
    '01-valid-order',
    'intake',
    'dynamodb:PutItem',
    vaultTable,
    "the intake's role may not write the card vault (POST /orders cannot tokenize the card)",
    SCENARIO_1,
    // The intake answers 500 and logs the refused call; the order never reaches the workflow.
    /^POST \/orders answered 500, expected 202: \{"error":"InternalError"/,
  ),
  'no-grant-verify-get-vault': grantBreak(
    '01-valid-order',
    'verifyPayment',
    'dynamodb:GetItem',
    vaultTable,
    "verify-payment's role may not read the card vault (it checks the card behind the token there)",
    SCENARIO_1,
    deniedThenFailed('verify-payment', 'dynamodb:GetItem', 'card-vault'),
  ),
  'no-grant-charge-get-vault': grantBreak(
    '01-valid-order',
    'chargePayment',
    'dynamodb:GetItem',
    vaultTable,
    "charge-payment's role may not read the card vault (it charges the card behind the token)",
    SCENARIO_1,
    deniedThenFailed('charge-payment', 'dynamodb:GetItem', 'card-vault'),
  ),
  'no-grant-invoke-verify-payment': grantBreak(
    '01-valid-order',
    'stateMachine',
    'lambda:InvokeFunction',
    (m) => functionArn(m, 'verifyPayment'),
    'the state machine role may not invoke verify-payment',
    SCENARIO_1,
    deniedThenFailed('workflow', 'lambda:InvokeFunction', 'verify-payment'),
  ),
  'no-grant-invoke-reserve-stock': grantBreak(
    '01-valid-order',
    'stateMachine',
    'lambda:InvokeFunction',
    (m) => functionArn(m, 'reserveStock'),
    'the state machine role may not invoke reserve-stock',
    SCENARIO_1,
    deniedThenFailed('workflow', 'lambda:InvokeFunction', 'reserve-stock'),
  ),
  'no-grant-invoke-charge-payment': grantBreak(
    '01-valid-order',
    'stateMachine',
    'lambda:InvokeFunction',
    (m) => functionArn(m, 'chargePayment'),
    'the state machine role may not invoke charge-payment',
    SCENARIO_1,
    deniedThenFailed('workflow', 'lambda:InvokeFunction', 'charge-payment'),
  ),
  'no-grant-invoke-release-stock': grantBreak(
    '02-payment-not-verified',
    'stateMachine',
    'lambda:InvokeFunction',
    (m) => functionArn(m, 'releaseStock'),
    'the state machine role may not invoke release-stock',
    SCENARIO_2,
    /^expected 'Lambda\.AWSLambdaException' to be 'PaymentDetailsRejected'/,
  ),
  'no-grant-workflow-update-orders': grantBreak(
    '01-valid-order',
    'stateMachine',
    'dynamodb:UpdateItem',
    (m) => table(m, 'ordersTableName'),
    'the state machine role may not update the Orders table (Claim Order, the records)',
    SCENARIO_1,
    deniedThenFailed('workflow', 'dynamodb:UpdateItem', 'orders'),
  ),
  'no-grant-workflow-get-orders': grantBreak(
    '06-duplicate-order',
    'stateMachine',
    'dynamodb:GetItem',
    (m) => table(m, 'ordersTableName'),
    'the state machine role may not read the Orders table (Find Recorded Order)',
    SCENARIO_6,
    /workflow-role\/\S+ is not authorized to perform: dynamodb:GetItem on resource: \S+orders /,
  ),
  'no-grant-workflow-publish': grantBreak(
    '01-valid-order',
    'stateMachine',
    'sns:Publish',
    (m) => m.outputs.notificationTopicArn,
    'the state machine role may not publish to the notification topic (the notification goes to the outbox instead)',
    SCENARIO_1,
    // Notify Order Processed catches what its retries leave into the order row's outbox.
    /^states visited: .*Notify Order Processed > Keep Order Processed Notification/,
  ),
  'no-grant-reserve-update-orders': grantBreak(
    '01-valid-order',
    'reserveStock',
    'dynamodb:UpdateItem',
    (m) => table(m, 'ordersTableName'),
    "reserve-stock's role may not update the Orders table (its transaction marks the order reserved)",
    SCENARIO_1,
    deniedThenFailed('reserve-stock', 'dynamodb:UpdateItem', 'orders'),
  ),
  'no-grant-reserve-update-inventory': grantBreak(
    '01-valid-order',
    'reserveStock',
    'dynamodb:UpdateItem',
    (m) => table(m, 'inventoryTableName'),
    "reserve-stock's role may not update the Inventory table (its transaction takes the stock)",
    SCENARIO_1,
    deniedThenFailed('reserve-stock', 'dynamodb:UpdateItem', 'inventory'),
  ),
  'no-grant-charge-update-orders': grantBreak(
    '01-valid-order',
    'chargePayment',
    'dynamodb:UpdateItem',
    (m) => table(m, 'ordersTableName'),
    "charge-payment's role may not update the Orders table (it marks ChargeRequestedAt before charging)",
    SCENARIO_1,
    deniedThenFailed('charge-payment', 'dynamodb:UpdateItem', 'orders'),
  ),
  'no-grant-release-get-orders': grantBreak(
    '02-payment-not-verified',
    'releaseStock',
    'dynamodb:GetItem',
    (m) => table(m, 'ordersTableName'),
    "release-stock's role may not read the Orders table (it reads what was reserved)",
    SCENARIO_2,
    /^expected 'AccessDeniedException' to be 'PaymentDetailsRejected'/,
  ),
  'no-grant-release-update-orders': grantBreak(
    '02-payment-not-verified',
    'releaseStock',
    'dynamodb:UpdateItem',
    (m) => table(m, 'ordersTableName'),
    "release-stock's role may not update the Orders table (it marks the order released)",
    SCENARIO_2,
    /^expected 'AccessDeniedException' to be 'PaymentDetailsRejected'/,
  ),
  'no-grant-release-update-inventory': grantBreak(
    '04-payment-declined',
    'releaseStock',
    'dynamodb:UpdateItem',
    (m) => table(m, 'inventoryTableName'),
    "release-stock's role may not update the Inventory table (it gives the stock back)",
    SCENARIO_4,
    // The first test sees the refused release's retries as task failures beyond the PaymentError.
    /AccessDeniedException.*expected 'FAILED' to be 'SUCCEEDED'|^expected \[ 'PaymentError', …\(\d+\) \] to deeply equal \[ 'PaymentError' \]/,
  ),
};
