import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INVENTORY_FIXTURE } from '@orders/shared-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_ACTIONS, HANDLERS as PROGRAM_HANDLERS } from '../src/program.js';
import { mockArn, type ProgramRun, runProgramWithMocks } from '../src/testing/index.js';
import { orderWorkflow } from '../src/workflow/index.js';
import { inventory, ofType, resource, statementPairs } from './support/captured.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const REGION = 'us-east-1';
const HANDLERS = ['verify-payment', 'reserve-stock', 'charge-payment', 'release-stock'] as const;
/** The functions run by a schedule (not by the workflow). */
const SCHEDULED = ['release-expired', 'resend-notifications'] as const;

const FUNCTION = 'aws:lambda/function:Function';
const LOG_GROUP = 'aws:cloudwatch/logGroup:LogGroup';
const ROLE_POLICY = 'aws:iam/rolePolicy:RolePolicy';
const TABLE = 'aws:dynamodb/table:Table';
const TOPIC = 'aws:sns/topic:Topic';
const STATE_MACHINE = 'aws:sfn/stateMachine:StateMachine';
const ALARM = 'aws:cloudwatch/metricAlarm:MetricAlarm';
const METRIC_FILTER = 'aws:cloudwatch/logMetricFilter:LogMetricFilter';
const SIMULATION_KEYS = [
  'ORDERS_SIMULATE',
  'ORDERS_SIMULATION_SEED',
  'ORDERS_SIM_PAYMENT_REJECT_RATE',
  'ORDERS_SIM_OUT_OF_STOCK_RATE',
  'ORDERS_SIM_DECLINE_RATE',
];

/** The ARNs the mocks hand out for one stack, as the workflow refs. */
function mockedRefs(stack: string) {
  const fn = (handler: string) => mockArn(FUNCTION, `orders-${stack}-${handler}`, REGION);
  return {
    verifyPaymentFunctionArn: fn('verify-payment'),
    reserveStockFunctionArn: fn('reserve-stock'),
    chargePaymentFunctionArn: fn('charge-payment'),
    releaseStockFunctionArn: fn('release-stock'),
    ordersTableName: `orders-${stack}-orders`,
    ordersTableArn: mockArn(TABLE, `orders-${stack}-orders`, REGION),
    notificationTopicArn: mockArn(TOPIC, `orders-${stack}-order-notifications`, REGION),
  };
}

const variables = (fn: { inputs: Record<string, unknown> }) =>
  (fn.inputs.environment as { variables: Record<string, string> }).variables;

describe('the handler list', () => {
  it('is the four bundles the workflow invokes', () => {
    expect(Object.values(PROGRAM_HANDLERS).sort()).toEqual([...HANDLERS].sort());
  });
});

let dev: ProgramRun;
let prod: ProgramRun;
beforeAll(async () => {
  [dev, prod] = await Promise.all([
    runProgramWithMocks({ stack: 'dev' }),
    runProgramWithMocks({ stack: 'prod' }),
  ]);
});

describe.each([
  { stack: 'dev', run: () => dev, retention: 7, timeout: 10, memory: 256 },
  { stack: 'prod', run: () => prod, retention: 90, timeout: 15, memory: 512 },
])('the $stack stack', ({ stack, run, retention, timeout, memory }) => {
  const refs = mockedRefs(stack);

  it('deploys the four Lambdas from the built bundles: nodejs24.x on arm64, sized from config', () => {
    for (const handler of HANDLERS) {
      const fn = resource(run(), FUNCTION, `orders-${stack}-${handler}-function`).inputs;
      expect(fn).toMatchObject({
        name: `orders-${stack}-${handler}`,
        runtime: 'nodejs24.x',
        architectures: ['arm64'],
        handler: 'index.handler',
        code: { kind: 'FileArchive', path: path.join(REPO, 'packages/lambdas/dist', handler) },
        timeout,
        memorySize: memory,
        role: mockArn('aws:iam/role:Role', `orders-${stack}-${handler}-role`, REGION),
        loggingConfig: { logFormat: 'JSON', logGroup: `/aws/lambda/orders-${stack}-${handler}` },
      });
    }
  });

  it('gives each Lambda only the environment it reads (simulation off: none of its switches)', () => {
    const environment = (handler: string) =>
      variables(resource(run(), FUNCTION, `orders-${stack}-${handler}-function`));
    const tables = {
      ORDERS_TABLE_NAME: `orders-${stack}-orders`,
      INVENTORY_TABLE_NAME: `orders-${stack}-inventory`,
    };
    const node = { NODE_OPTIONS: '--enable-source-maps' };
    const vault = { CARD_VAULT_TABLE_NAME: `orders-${stack}-card-vault` };
    expect(environment('verify-payment')).toEqual({ ...node, ...vault });
    expect(environment('charge-payment')).toEqual({
      ...node,
      ORDERS_TABLE_NAME: tables.ORDERS_TABLE_NAME,
      ...vault,
    });
    expect(environment('reserve-stock')).toEqual({ ...node, ...tables });
    expect(environment('release-stock')).toEqual({ ...node, ...tables });
    expect(environment('release-expired')).toEqual({ ...node, ...tables });
    expect(environment('resend-notifications')).toEqual({
      ...node,
      ORDERS_TABLE_NAME: tables.ORDERS_TABLE_NAME,
      NOTIFICATION_TOPIC_ARN: refs.notificationTopicArn,
    });
  });

  it('gives every log group a retention period', () => {
    const groups = ofType(run(), LOG_GROUP).map((g) => [g.inputs.name, g.inputs.retentionInDays]);
    expect(groups.sort()).toEqual(
      [
        ...[...HANDLERS, ...SCHEDULED].map((h) => [`/aws/lambda/orders-${stack}-${h}`, retention]),
        [`/aws/vendedlogs/states/orders-${stack}-order-workflow`, retention],
        [`/aws/lambda/orders-${stack}-intake-api`, retention],
        [`/aws/apigateway/orders-${stack}-intake`, retention],
      ].sort(),
    );
  });

  it('grants each Lambda exactly its own log streams, and the stock Lambdas exactly their table actions', () => {
    const logs = (handler: string) => {
      const streams = `${mockArn(LOG_GROUP, `/aws/lambda/orders-${stack}-${handler}`, REGION)}:*`;
      return [`logs:CreateLogStream ${streams}`, `logs:PutLogEvents ${streams}`];
    };
    const pairs = (handler: string) =>
      statementPairs(resource(run(), ROLE_POLICY, `orders-${stack}-${handler}-policy`).inputs.policy);
    const ordersTable = mockArn(TABLE, `orders-${stack}-orders`, REGION);
    const inventoryTable = mockArn(TABLE, `orders-${stack}-inventory`, REGION);
    const stockPairs = [
      `dynamodb:GetItem ${ordersTable}`,
      `dynamodb:UpdateItem ${ordersTable}`,
      ...INVENTORY_ACTIONS.map((a) => `${a} ${inventoryTable}`),
    ];

    // verify-payment: one vaulted card at a time; charge-payment: that, and the mark on the order row before it charges.
    const vault = mockArn(TABLE, `orders-${stack}-card-vault`, REGION);
    expect(pairs('verify-payment')).toEqual([...logs('verify-payment'), `dynamodb:GetItem ${vault}`].sort());
    expect(pairs('charge-payment')).toEqual(
      [...logs('charge-payment'), `dynamodb:UpdateItem ${ordersTable}`, `dynamodb:GetItem ${vault}`].sort(),
    );
    // The sweeper: Scan for expired reservations, then the release's own writes.
    expect(pairs('release-expired')).toEqual(
      [
        ...logs('release-expired'),
        `dynamodb:Scan ${ordersTable}`,
        `dynamodb:GetItem ${ordersTable}`,
        `dynamodb:UpdateItem ${ordersTable}`,
        `dynamodb:UpdateItem ${inventoryTable}`,
      ].sort(),
    );
    // The re-sender: Scan for kept notifications and clear them, Publish on the topic; no KMS (AWS managed key).
    expect(pairs('resend-notifications')).toEqual(
      [
        ...logs('resend-notifications'),
        `dynamodb:Scan ${ordersTable}`,
        `dynamodb:UpdateItem ${ordersTable}`,
        `sns:Publish ${refs.notificationTopicArn}`,
      ].sort(),
    );
    expect(pairs('reserve-stock')).toEqual([...logs('reserve-stock'), ...stockPairs].sort());
    expect(pairs('release-stock')).toEqual([...logs('release-stock'), ...stockPairs].sort());
    expect(INVENTORY_ACTIONS).toContain('dynamodb:UpdateItem');
  });

  it.each([
    { fn: 'release-expired', bundle: 'release-stock', handler: 'index.sweepExpired' },
    { fn: 'resend-notifications', bundle: 'resend-notifications', handler: 'index.handler' },
  ])(
    'runs $fn from the $bundle bundle every 15 minutes, invoked by its own rule only',
    ({ fn, bundle, handler }) => {
      const inputs = resource(run(), FUNCTION, `orders-${stack}-${fn}-function`).inputs;
      expect(inputs).toMatchObject({
        name: `orders-${stack}-${fn}`,
        handler,
        code: { kind: 'FileArchive', path: path.join(REPO, 'packages/lambdas/dist', bundle) },
        role: mockArn('aws:iam/role:Role', `orders-${stack}-${fn}-role`, REGION),
      });
      const rule = resource(run(), 'aws:cloudwatch/eventRule:EventRule', `orders-${stack}-${fn}-schedule`);
      expect(rule.inputs.scheduleExpression).toBe('rate(15 minutes)');
      const target = resource(
        run(),
        'aws:cloudwatch/eventTarget:EventTarget',
        `orders-${stack}-${fn}-target`,
      );
      expect(target.inputs).toMatchObject({
        rule: rule.state.name,
        arn: mockArn(FUNCTION, `orders-${stack}-${fn}`, REGION),
      });
      const permission = resource(run(), 'aws:lambda/permission:Permission', `orders-${stack}-${fn}-invoke`);
      expect(permission.inputs).toMatchObject({
        principal: 'events.amazonaws.com',
        action: 'lambda:InvokeFunction',
        function: `orders-${stack}-${fn}`,
        sourceArn: rule.state.arn,
      });
    },
  );

  it('keeps the URNs the sweeper had before it became a ScheduledFunction', () => {
    // The same parents, types and names as before: the sweeper's children and its OrderFunction's. (The
    // mocks qualify a child's type by its parent's type alone, the engine by the parent's whole chain;
    // both come from the same parent, type and name, which is what this pins.)
    const sweeper = 'orders:data:ReservationSweeper';
    const fn = 'orders:compute:OrderFunction';
    const urn = (type: string, name: string) =>
      `urn:pulumi:${stack}::orders::${type}::orders-${stack}-release-expired${name}`;
    expect(
      run()
        .resources.filter((r) => r.name.startsWith(`orders-${stack}-release-expired`))
        .map((r) => r.urn)
        .sort(),
    ).toEqual(
      [
        urn(sweeper, ''),
        urn(`${sweeper}$aws:cloudwatch/eventRule:EventRule`, '-schedule'),
        urn(`${sweeper}$aws:lambda/permission:Permission`, '-invoke'),
        urn(`${sweeper}$aws:cloudwatch/eventTarget:EventTarget`, '-target'),
        urn(`${sweeper}$${fn}`, ''),
        urn(`${fn}$aws:cloudwatch/logGroup:LogGroup`, '-logs'),
        urn(`${fn}$aws:iam/role:Role`, '-role'),
        urn(`${fn}$aws:iam/rolePolicy:RolePolicy`, '-policy'),
        urn(`${fn}$aws:lambda/function:Function`, '-function'),
      ].sort(),
    );
  });

  it('creates the Orders and Inventory tables on demand with SSE', () => {
    const tables = ofType(run(), TABLE).map((t) => t.inputs);
    const production = stack === 'prod';
    // With the intake's card vault and idempotency keys (tests/intake-api.test.ts).
    expect(tables.map((t) => t.name).sort()).toEqual(
      ['orders', 'inventory', 'card-vault', 'intake-requests'].map((t) => `orders-${stack}-${t}`).sort(),
    );
    for (const [suffix, key] of [
      ['orders', 'OrderId'],
      ['inventory', 'ItemId'],
    ] as const) {
      expect(tables.find((t) => t.name === `orders-${stack}-${suffix}`)).toMatchObject({
        hashKey: key,
        attributes: [{ name: key, type: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
        serverSideEncryption: { enabled: true },
        pointInTimeRecovery: { enabled: production },
        deletionProtectionEnabled: production,
      });
    }
  });

  it('encrypts the notification topic with the AWS managed SNS key', () => {
    expect(resource(run(), TOPIC, `orders-${stack}-notifications-topic`).inputs).toMatchObject({
      name: `orders-${stack}-order-notifications`,
      kmsMasterKeyId: 'alias/aws/sns',
    });
  });

  it('configures the state machine: type, logging level, execution data, X-Ray', () => {
    const sm = resource(run(), STATE_MACHINE, `orders-${stack}-workflow-state-machine`).inputs;
    const logGroupArn = mockArn(LOG_GROUP, `/aws/vendedlogs/states/orders-${stack}-order-workflow`, REGION);
    expect(sm).toMatchObject({
      name: `orders-${stack}-order-workflow`,
      type: 'STANDARD',
      roleArn: mockArn('aws:iam/role:Role', `orders-${stack}-workflow-role`, REGION),
      tracingConfiguration: { enabled: true },
      loggingConfiguration: {
        level: stack === 'prod' ? 'ERROR' : 'ALL',
        includeExecutionData: stack !== 'prod',
        logDestination: `${logGroupArn}:*`,
      },
    });
  });

  it("deploys the builder's definition with the real ARNs in place", () => {
    const deployed = String(
      resource(run(), STATE_MACHINE, `orders-${stack}-workflow-state-machine`).inputs.definition,
    );
    const workflow = orderWorkflow(refs);

    expect(deployed).toBe(JSON.stringify(workflow.toAsl()));
    expect(JSON.parse(deployed)).toEqual(JSON.parse(workflow.render()));
    for (const arn of [
      refs.verifyPaymentFunctionArn,
      refs.reserveStockFunctionArn,
      refs.chargePaymentFunctionArn,
      refs.releaseStockFunctionArn,
    ]) {
      expect(deployed).toContain(arn);
    }
  });

  it("derives the state machine role from the workflow's tasks plus log delivery and X-Ray, exactly", () => {
    const pairs = statementPairs(
      resource(run(), ROLE_POLICY, `orders-${stack}-workflow-policy`).inputs.policy,
    );

    expect(pairs).toEqual(
      [
        `lambda:InvokeFunction ${refs.verifyPaymentFunctionArn}`,
        `lambda:InvokeFunction ${refs.reserveStockFunctionArn}`,
        `lambda:InvokeFunction ${refs.chargePaymentFunctionArn}`,
        `lambda:InvokeFunction ${refs.releaseStockFunctionArn}`,
        `dynamodb:GetItem ${refs.ordersTableArn}`,
        `dynamodb:UpdateItem ${refs.ordersTableArn}`,
        `sns:Publish ${refs.notificationTopicArn}`,
        'logs:CreateLogDelivery *',
        'logs:DeleteLogDelivery *',
        'logs:DescribeLogGroups *',
        'logs:DescribeResourcePolicies *',
        'logs:GetLogDelivery *',
        'logs:ListLogDeliveries *',
        'logs:PutResourcePolicy *',
        'logs:UpdateLogDelivery *',
        'xray:GetSamplingRules *',
        'xray:GetSamplingTargets *',
        'xray:PutTelemetryRecords *',
        'xray:PutTraceSegments *',
      ].sort(),
    );
    // ...and the task part is exactly what the workflow declares.
    const declared = orderWorkflow(refs)
      .iamStatements()
      .flatMap((s) => s.actions.flatMap((a) => s.resources.map((r) => `${a} ${r}`)));
    expect(pairs.filter((p) => !/^(logs|xray):/.test(p))).toEqual([...new Set(declared)].sort());
  });

  it('lets Step Functions assume the state machine role only for this account and state machine', () => {
    const trust = JSON.parse(
      String(resource(run(), 'aws:iam/role:Role', `orders-${stack}-workflow-role`).inputs.assumeRolePolicy),
    );
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'states.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012' },
          ArnLike: {
            'aws:SourceArn': `arn:aws:states:us-east-1:123456789012:stateMachine:orders-${stack}-order-workflow`,
          },
        },
      },
    ]);
  });

  it('exports the outputs the e2e suite and the local stack read', () => {
    expect(run().outputs).toEqual({
      stateMachineArn: mockArn(STATE_MACHINE, `orders-${stack}-order-workflow`, REGION),
      stateMachineName: `orders-${stack}-order-workflow`,
      region: REGION,
      ordersTableName: `orders-${stack}-orders`,
      inventoryTableName: `orders-${stack}-inventory`,
      notificationTopicArn: refs.notificationTopicArn,
      functionNames: {
        verifyPayment: `orders-${stack}-verify-payment`,
        reserveStock: `orders-${stack}-reserve-stock`,
        chargePayment: `orders-${stack}-charge-payment`,
        releaseStock: `orders-${stack}-release-stock`,
      },
      intakeApiUrl: `https://orders-${stack}-intake-api-api-id.execute-api.${REGION}.amazonaws.com`,
      intakeFunctionName: `orders-${stack}-intake-api`,
    });
  });

  it('has the Pulumi entry point export every output (what `pulumi stack output` lists)', async () => {
    const { readFile } = await import('node:fs/promises');
    const entry = await readFile(path.join(REPO, 'packages/infra/src/index.ts'), 'utf8');
    const exported = [...entry.matchAll(/^export const (\w+) = outputs\.(\w+);$/gm)].filter(
      ([, a, b]) => a === b,
    );
    expect(exported.map(([, name]) => name).sort()).toEqual(Object.keys(run().outputs).sort());
  });

  it('names every resource after the stack and parents every AWS resource to a component', () => {
    for (const r of run().resources) {
      expect(r.name.startsWith(`orders-${stack}-`), r.name).toBe(true);
      if (r.custom) expect(r.urn, r.urn).toMatch(/::orders:[a-z]+:[A-Z][A-Za-z]+\$aws:/);
      else expect(r.type).toMatch(/^orders:[a-z]+:[A-Z][A-Za-z]+$/);
    }
  });

  it('uses no wildcard IAM action in any policy document', () => {
    const documents = run().resources.flatMap((r) =>
      [r.inputs.policy, r.inputs.assumeRolePolicy].filter((d) => typeof d === 'string'),
    );
    expect(documents.length).toBeGreaterThanOrEqual(8);
    for (const doc of documents) {
      const actions = (JSON.parse(String(doc)).Statement as Array<{ Action: unknown }>).flatMap((s) =>
        [s.Action].flat(),
      );
      for (const action of actions) expect(String(action)).not.toContain('*');
    }
  });
});

describe('development versus production', () => {
  it('creates the same core resources in both, plus alarms, the alarm topic and its key in production', () => {
    const core = {
      'orders:data:OrderTables': 1,
      'orders:messaging:EncryptedTopic': 1,
      'orders:compute:OrderFunction': 7,
      'orders:data:ReservationSweeper': 1,
      'orders:intake:IntakeApi': 1,
      'aws:apigatewayv2/api:Api': 1,
      'aws:apigatewayv2/integration:Integration': 1,
      'aws:apigatewayv2/route:Route': 2,
      'aws:apigatewayv2/stage:Stage': 1,
      'aws:kms/key:Key': 1,
      'orders:messaging:NotificationResender': 1,
      'aws:cloudwatch/eventRule:EventRule': 2,
      'aws:cloudwatch/eventTarget:EventTarget': 2,
      'aws:lambda/permission:Permission': 3,
      'orders:workflow:OrderStateMachine': 1,
      [TABLE]: 4,
      [TOPIC]: 1,
      [FUNCTION]: 7,
      'aws:iam/role:Role': 8,
      [ROLE_POLICY]: 8,
      [LOG_GROUP]: 9,
      [STATE_MACHINE]: 1,
    };
    expect(inventory(dev)).toEqual({ ...core, 'aws:dynamodb/tableItem:TableItem': INVENTORY_FIXTURE.length });
    expect(inventory(prod)).toEqual({
      ...core,
      'orders:messaging:EncryptedTopic': 2,
      [TOPIC]: 2,
      'orders:monitoring:WorkflowAlarms': 1,
      'aws:kms/key:Key': 2,
      [METRIC_FILTER]: 1,
      [ALARM]: 10,
    });
  });

  it('seeds the dev Inventory table with the shared fixture, and only dev', () => {
    const items = ofType(dev, 'aws:dynamodb/tableItem:TableItem').map((i) => i.inputs);

    expect(items).toEqual(
      INVENTORY_FIXTURE.map((f) => ({
        tableName: 'orders-dev-inventory',
        hashKey: 'ItemId',
        item: JSON.stringify({ ItemId: { S: f.itemId }, quantityInStock: { N: String(f.quantityInStock) } }),
      })),
    );
    expect(ofType(prod, 'aws:dynamodb/tableItem:TableItem')).toEqual([]);
  });

  it('alarms in production on ChargeNotRecorded, failed and timed-out executions and Lambda errors, to the alarm topic', () => {
    const topicArn = mockArn(TOPIC, 'orders-prod-alarms', REGION);
    const stateMachineArn = mockArn(STATE_MACHINE, 'orders-prod-order-workflow', REGION);
    const alarms = ofType(prod, ALARM).map((a) => a.inputs);

    expect(
      alarms.map((a) => `${a.namespace} ${a.metricName} ${JSON.stringify(a.dimensions)}`).sort(),
    ).toEqual(
      [
        'Orders/orders-prod ChargeNotRecorded undefined',
        `AWS/States ExecutionsFailed {"StateMachineArn":"${stateMachineArn}"}`,
        `AWS/States ExecutionsTimedOut {"StateMachineArn":"${stateMachineArn}"}`,
        ...[...HANDLERS, ...SCHEDULED, 'intake-api'].map(
          (h) => `AWS/Lambda Errors {"FunctionName":"orders-prod-${h}"}`,
        ),
      ].sort(),
    );
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ alarmActions: [topicArn], threshold: 1, statistic: 'Sum' });
    }
  });

  it('counts ChargeNotRecorded failures from the state machine log group into the metric its alarm watches', () => {
    const filter = resource(prod, METRIC_FILTER, 'orders-prod-alarms-charge-not-recorded').inputs;
    const alarm = resource(prod, ALARM, 'orders-prod-alarms-charge-not-recorded').inputs;

    expect(filter).toEqual({
      logGroupName: '/aws/vendedlogs/states/orders-prod-order-workflow',
      pattern: '{ $.type = "ExecutionFailed" && $.details.error = "ChargeNotRecorded" }',
      metricTransformation: {
        namespace: 'Orders/orders-prod',
        name: 'ChargeNotRecorded',
        value: '1',
        defaultValue: '0',
      },
    });
    expect(alarm).toMatchObject({
      name: 'orders-prod-charge-not-recorded',
      namespace: 'Orders/orders-prod',
      metricName: 'ChargeNotRecorded',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      treatMissingData: 'notBreaching',
    });
    // The log level ERROR still logs ExecutionFailed events, which the filter reads.
    expect(
      resource(prod, STATE_MACHINE, 'orders-prod-workflow-state-machine').inputs.loggingConfiguration,
    ).toMatchObject({ level: 'ERROR' });
  });

  it('encrypts the alarm topic with a key CloudWatch may use', () => {
    const key = resource(prod, 'aws:kms/key:Key', 'orders-prod-alarms-key');
    const topic = resource(prod, TOPIC, 'orders-prod-alarms-notify-topic').inputs;
    const policy = JSON.parse(String(key.inputs.policy)) as {
      Statement: Array<{ Principal: Record<string, string>; Action: string[] }>;
    };

    expect(topic.kmsMasterKeyId).toBe(key.state.arn);
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(policy.Statement.map((s) => s.Principal)).toEqual([
      { AWS: 'arn:aws:iam::123456789012:root' },
      { Service: 'cloudwatch.amazonaws.com' },
    ]);
    expect(policy.Statement[1]?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  it('passes the simulation switches to the Lambdas that simulate, and only to them', async () => {
    const run = await runProgramWithMocks({
      stack: 'dev',
      config: { simulate: 'true', simulationSeed: '42', simDeclineRate: '0.5' },
    });
    const switches = {
      ORDERS_SIMULATE: '1',
      ORDERS_SIMULATION_SEED: '42',
      ORDERS_SIM_PAYMENT_REJECT_RATE: '0.25',
      ORDERS_SIM_OUT_OF_STOCK_RATE: '0.1',
      ORDERS_SIM_DECLINE_RATE: '0.5',
    };
    const environment = (handler: string) =>
      variables(resource(run, FUNCTION, `orders-dev-${handler}-function`));
    for (const handler of ['verify-payment', 'reserve-stock', 'charge-payment']) {
      expect(environment(handler), handler).toMatchObject(switches);
    }
    // release-stock gives back what the row says, whatever the simulation: it reads none of the switches.
    expect(Object.keys(environment('release-stock')).filter((k) => SIMULATION_KEYS.includes(k))).toEqual([]);
    expect(environment('release-stock')).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      ORDERS_TABLE_NAME: 'orders-dev-orders',
      INVENTORY_TABLE_NAME: 'orders-dev-inventory',
    });
    expect(Object.keys(environment('verify-payment')).sort()).toEqual(
      ['NODE_OPTIONS', 'CARD_VAULT_TABLE_NAME', ...SIMULATION_KEYS].sort(),
    );
  });

  it('deploys an EXPRESS state machine when the stack asks for one', async () => {
    const run = await runProgramWithMocks({ stack: 'dev', config: { workflowType: 'EXPRESS' } });
    const sm = resource(run, STATE_MACHINE, 'orders-dev-workflow-state-machine').inputs;
    expect(sm.type).toBe('EXPRESS');
    // The same definition and role: every step is safe to repeat (see the README).
    expect(sm.definition).toBe(
      resource(dev, STATE_MACHINE, 'orders-dev-workflow-state-machine').inputs.definition,
    );
  });
});
