/**
 * The project's CrossGuard rules. Pure data + functions (no PolicyPack here) so tests can call each
 * `validateResource` on the resources the mocks captured; `index.ts` wraps them in the PolicyPack.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from '@pulumi/policy';
import { LOG_DELIVERY_ACTIONS, XRAY_ACTIONS } from '../src/components/internal/star-resource-actions.js';

/** Policy config: which environment the stack is (`--policy-pack-config`); production rules need it. */
export interface OrdersPolicyConfig {
  readonly environment?: 'development' | 'production';
}

/**
 * Actions AWS only authorizes on Resource "*": CloudWatch Logs vended-log delivery (Step Functions
 * logging) and the X-Ray trace APIs. A statement on "*" must consist of these actions only.
 */
export const STAR_RESOURCE_ACTIONS: ReadonlySet<string> = new Set([...LOG_DELIVERY_ACTIONS, ...XRAY_ACTIONS]);

/** A log group's streams: the one resource pattern with a `*` we accept (`<log-group-arn>:*`). */
const LOG_STREAMS_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[^:*]+:\*$/;
// The executions of one named state machine: their names are the order ids, known only at run time.
const EXECUTIONS_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:*]+:\*$/;

/** Input properties that hold IAM policy documents, by resource type. */
const POLICY_DOCUMENT_PROPS: Record<string, readonly string[]> = {
  'aws:iam/rolePolicy:RolePolicy': ['policy'],
  'aws:iam/policy:Policy': ['policy'],
  'aws:iam/role:Role': ['assumeRolePolicy'],
  'aws:iam/userPolicy:UserPolicy': ['policy'],
  'aws:iam/groupPolicy:GroupPolicy': ['policy'],
  'aws:kms/key:Key': ['policy'],
  'aws:sns/topicPolicy:TopicPolicy': ['policy'],
};

interface Statement {
  readonly Sid?: string;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
}

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every statement of every policy document the resource carries (inline role policies included). */
function statementsOf(args: ResourceValidationArgs): Array<{ where: string; statement: Statement }> {
  const docs: Array<{ where: string; doc: unknown }> = [];
  for (const prop of POLICY_DOCUMENT_PROPS[args.type] ?? [])
    docs.push({ where: prop, doc: args.props[prop] });
  if (args.type === 'aws:iam/role:Role') {
    for (const [i, p] of list(args.props.inlinePolicies).entries()) {
      docs.push({ where: `inlinePolicies[${i}]`, doc: (p as { policy?: unknown }).policy });
    }
  }
  const out: Array<{ where: string; statement: Statement }> = [];
  for (const { where, doc } of docs) {
    let parsed = doc;
    if (typeof doc === 'string') {
      try {
        parsed = JSON.parse(doc);
      } catch {
        continue; // not JSON yet (unknown during preview): nothing to check
      }
    }
    for (const [i, statement] of list((parsed as { Statement?: unknown } | undefined)?.Statement).entries()) {
      out.push({
        where: `${where} statement ${(statement as Statement).Sid ?? i}`,
        statement: statement as Statement,
      });
    }
  }
  return out;
}

/**
 * Production rules apply when the pack is configured for production, or when the resource itself is tagged
 * `environment: production` (the program tags every resource), so a forgotten `--policy-pack-config` flag
 * cannot switch them off for a production stack.
 */
const isProduction = (args: ResourceValidationArgs) =>
  args.getConfig<OrdersPolicyConfig>().environment === 'production' ||
  (args.props as { tags?: Record<string, unknown> }).tags?.environment === 'production';

const environmentSchema = {
  properties: { environment: { type: 'string' as const, enum: ['development', 'production'] } },
};

export const noWildcardIamActions: ResourceValidationPolicy = {
  name: 'orders-no-wildcard-iam-actions',
  description: 'IAM and key policies name every action: no `*` in an action and no NotAction.',
  enforcementLevel: 'mandatory',
  validateResource: (args, report) => {
    for (const { where, statement } of statementsOf(args)) {
      if (statement.NotAction !== undefined)
        report(`${where}: NotAction grants everything else; list the actions`);
      for (const action of list(statement.Action)) {
        if (typeof action === 'string' && action.includes('*'))
          report(`${where}: wildcard action "${action}"`);
      }
    }
  },
};

export const noWildcardIamResources: ResourceValidationPolicy = {
  name: 'orders-no-wildcard-iam-resources',
  description:
    'IAM statements name their resources. Resource "*" only for actions AWS authorizes on "*" alone ' +
    '(log delivery, X-Ray) and in key policies (where "*" means the key); `*` in an ARN only as `<log-group>:*` ' +
    'or `execution:<state machine>:*` (the executions of one state machine).',
  enforcementLevel: 'mandatory',
  validateResource: (args, report) => {
    const keyPolicy = args.type === 'aws:kms/key:Key';
    for (const { where, statement } of statementsOf(args)) {
      if (statement.NotResource !== undefined) report(`${where}: NotResource; list the resources`);
      const actions = list(statement.Action).filter((a): a is string => typeof a === 'string');
      for (const resource of list(statement.Resource)) {
        if (typeof resource !== 'string' || !resource.includes('*')) continue;
        if (resource === '*') {
          if (keyPolicy) continue;
          const extra = actions.filter((a) => !STAR_RESOURCE_ACTIONS.has(a));
          if (extra.length > 0) report(`${where}: Resource "*" for ${extra.join(', ')}`);
        } else if (!LOG_STREAMS_ARN.test(resource) && !EXECUTIONS_ARN.test(resource)) {
          report(`${where}: wildcard resource "${resource}"`);
        }
      }
    }
  },
};

export const tablesEncrypted: ResourceValidationPolicy = {
  name: 'orders-dynamodb-encrypted',
  description: 'DynamoDB tables use KMS server-side encryption.',
  enforcementLevel: 'mandatory',
  validateResource: (args, report) => {
    if (args.type !== 'aws:dynamodb/table:Table') return;
    if (args.props.serverSideEncryption?.enabled !== true)
      report('serverSideEncryption.enabled must be true');
  },
};

export const topicsEncrypted: ResourceValidationPolicy = {
  name: 'orders-sns-encrypted',
  description: 'SNS topics are encrypted with a KMS key.',
  enforcementLevel: 'mandatory',
  validateResource: (args, report) => {
    if (args.type !== 'aws:sns/topic:Topic') return;
    const key = args.props.kmsMasterKeyId;
    if (typeof key !== 'string' || key === '') report('kmsMasterKeyId must name a KMS key');
  },
};

export const logRetentionSet: ResourceValidationPolicy = {
  name: 'orders-log-retention',
  description: 'Log groups have a retention period (never "keep forever").',
  enforcementLevel: 'mandatory',
  validateResource: (args, report) => {
    if (args.type !== 'aws:cloudwatch/logGroup:LogGroup') return;
    const days = args.props.retentionInDays;
    if (typeof days !== 'number' || days <= 0) report('retentionInDays must be set');
  },
};

export const productionTablesProtected: ResourceValidationPolicy = {
  name: 'orders-prod-tables-protected',
  description: 'In production, tables have point-in-time recovery and deletion protection.',
  enforcementLevel: 'mandatory',
  configSchema: environmentSchema,
  validateResource: (args, report) => {
    if (args.type !== 'aws:dynamodb/table:Table' || !isProduction(args)) return;
    if (args.props.pointInTimeRecovery?.enabled !== true) report('pointInTimeRecovery.enabled must be true');
    if (args.props.deletionProtectionEnabled !== true) report('deletionProtectionEnabled must be true');
  },
};

export const productionNoExecutionData: ResourceValidationPolicy = {
  name: 'orders-prod-no-execution-data',
  description: 'In production, state machine logs leave out execution data (it holds card details).',
  enforcementLevel: 'mandatory',
  configSchema: environmentSchema,
  validateResource: (args, report) => {
    if (args.type !== 'aws:sfn/stateMachine:StateMachine' || !isProduction(args)) return;
    if (args.props.loggingConfiguration?.includeExecutionData !== false) {
      report('loggingConfiguration.includeExecutionData must be false');
    }
  },
};

/**
 * Lambda runtimes AWS has deprecated: no new functions on them, and soon no updates either. The dated ones
 * are on AWS's deprecation schedule (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html) but still
 * current in @pulumi/aws 7.48.0's `Runtime` enum; the rest that enum marks `@deprecated` itself (a test
 * keeps this list a superset of those), or predate it. Add a runtime here when AWS deprecates it.
 */
export const DEPRECATED_LAMBDA_RUNTIMES: ReadonlyMap<string, string> = new Map([
  ['nodejs20.x', 'deprecated on 2026-04-30'],
  ['ruby3.2', 'deprecated on 2026-03-31'],
  ['python3.9', 'deprecated on 2025-12-15'],
  ['nodejs18.x', 'deprecated on 2025-09-01'],
  ['dotnet6', 'deprecated on 2024-12-20'],
  ...[
    'nodejs16.x',
    'nodejs14.x',
    'nodejs12.x',
    'nodejs10.x',
    'nodejs8.10',
    'nodejs6.10',
    'nodejs4.3-edge',
    'nodejs4.3',
    'nodejs',
    'python3.8',
    'python3.7',
    'python3.6',
    'python2.7',
    'ruby2.7',
    'ruby2.5',
    'java8',
    'go1.x',
    'provided',
    'dotnet7',
    'dotnet5.0',
    'dotnetcore3.1',
    'dotnetcore2.1',
    'dotnetcore2.0',
    'dotnetcore1.0',
  ].map((runtime): [string, string] => [runtime, 'deprecated']),
]);

export const lambdaRuntimeSupported: ResourceValidationPolicy = {
  name: 'orders-lambda-runtime-supported',
  description: 'Lambda functions run on a runtime AWS has not deprecated.',
  enforcementLevel: 'mandatory',
  validateResource: (args, report) => {
    if (args.type !== 'aws:lambda/function:Function') return;
    const runtime = args.props.runtime;
    const deprecated = typeof runtime === 'string' ? DEPRECATED_LAMBDA_RUNTIMES.get(runtime) : undefined;
    if (deprecated !== undefined) {
      report(`runtime "${runtime}" is ${deprecated}; use a supported one (Node.js: nodejs24.x)`);
    }
  },
};

/** Every rule of the pack, in reporting order. */
export const ORDERS_POLICIES: readonly ResourceValidationPolicy[] = [
  noWildcardIamActions,
  noWildcardIamResources,
  tablesEncrypted,
  topicsEncrypted,
  logRetentionSet,
  lambdaRuntimeSupported,
  productionTablesProtected,
  productionNoExecutionData,
];
