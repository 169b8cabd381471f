import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ResourceValidationArgs, ResourceValidationPolicy } from '@pulumi/policy';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEPRECATED_LAMBDA_RUNTIMES,
  lambdaRuntimeSupported,
  logRetentionSet,
  noWildcardIamActions,
  noWildcardIamResources,
  ORDERS_POLICIES,
  type OrdersPolicyConfig,
  productionNoExecutionData,
  productionTablesProtected,
  STAR_RESOURCE_ACTIONS,
  tablesEncrypted,
  topicsEncrypted,
} from '../policy/policies.js';
import { LOG_DELIVERY_ACTIONS, XRAY_ACTIONS } from '../src/components/order-state-machine.js';
import { type CapturedResource, type ProgramRun, runProgramWithMocks } from '../src/testing/index.js';
import { resource } from './support/captured.js';

type Environment = NonNullable<OrdersPolicyConfig['environment']>;

/** Run one policy's validateResource offline on a captured resource, as the CrossGuard host would. */
async function violationsOf(
  policy: ResourceValidationPolicy,
  r: Pick<CapturedResource, 'type' | 'name' | 'urn' | 'inputs'>,
  environment: Environment,
): Promise<string[]> {
  const found: string[] = [];
  const args: ResourceValidationArgs = {
    type: r.type,
    props: structuredClone(r.inputs),
    urn: r.urn,
    name: r.name,
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: {}, additionalSecretOutputs: [] },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => ({ environment }) as T,
    notApplicable: (reason?: string) => {
      throw new Error(`not applicable: ${reason}`);
    },
  } as unknown as ResourceValidationArgs;
  for (const validate of [policy.validateResource ?? []].flat()) {
    await validate(args, (message) => found.push(`${policy.name}: ${r.name}: ${message}`));
  }
  return found;
}

async function allViolations(run: ProgramRun, environment: Environment): Promise<string[]> {
  const found: string[] = [];
  for (const policy of ORDERS_POLICIES) {
    for (const r of run.resources) found.push(...(await violationsOf(policy, r, environment)));
  }
  return found;
}

/** A captured resource with some inputs replaced. */
function seeded(r: CapturedResource, patch: Record<string, unknown>): CapturedResource {
  return { ...r, inputs: { ...structuredClone(r.inputs), ...patch } };
}

const policyDoc = (...statements: Array<Record<string, unknown>>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ Effect: 'Allow', ...s })) });

let dev: ProgramRun;
let prod: ProgramRun;
beforeAll(async () => {
  [dev, prod] = await Promise.all([
    runProgramWithMocks({ stack: 'dev' }),
    runProgramWithMocks({ stack: 'prod' }),
  ]);
});

describe('the policy pack on the program', () => {
  it('finds 0 violations in the dev stack', async () => {
    expect(dev.resources.length).toBeGreaterThan(20);
    expect(await allViolations(dev, 'development')).toEqual([]);
  });

  it('finds 0 violations in the prod stack, production rules included', async () => {
    expect(await allViolations(prod, 'production')).toEqual([]);
  });

  it('checks the seven Lambda roles and the state machine role (so 0 violations means something)', () => {
    const policies = dev.resources
      .filter((r) => r.type === 'aws:iam/rolePolicy:RolePolicy')
      .map((r) => r.name);
    expect(policies.sort()).toEqual(
      [
        'orders-dev-verify-payment-policy',
        'orders-dev-reserve-stock-policy',
        'orders-dev-charge-payment-policy',
        'orders-dev-release-stock-policy',
        'orders-dev-release-expired-policy',
        'orders-dev-resend-notifications-policy',
        'orders-dev-intake-function-policy',
        'orders-dev-workflow-policy',
      ].sort(),
    );
  });

  it('allows Resource "*" for the log-delivery and X-Ray actions only', () => {
    expect([...STAR_RESOURCE_ACTIONS].sort()).toEqual([...LOG_DELIVERY_ACTIONS, ...XRAY_ACTIONS].sort());
    expect(STAR_RESOURCE_ACTIONS.has('dynamodb:UpdateItem')).toBe(false);
  });
});

describe('each rule catches a seeded bad input', () => {
  const rolePolicy = () => resource(dev, 'aws:iam/rolePolicy:RolePolicy', 'orders-dev-reserve-stock-policy');
  const table = (run: ProgramRun) =>
    resource(run, 'aws:dynamodb/table:Table', `orders-${run.stack}-tables-orders`);
  const stateMachine = (run: ProgramRun) =>
    resource(run, 'aws:sfn/stateMachine:StateMachine', `orders-${run.stack}-workflow-state-machine`);

  // One case per rule; the last test checks that no rule is left without one.
  const cases: Array<{
    policy: ResourceValidationPolicy;
    bad: () => CapturedResource;
    environment: Environment;
    expected: RegExp;
  }> = [
    {
      policy: noWildcardIamActions,
      bad: () =>
        seeded(rolePolicy(), { policy: policyDoc({ Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:x' }) }),
      environment: 'development',
      expected: /wildcard action "dynamodb:\*"/,
    },
    {
      policy: noWildcardIamActions,
      bad: () =>
        seeded(resource(dev, 'aws:iam/role:Role', 'orders-dev-workflow-role'), {
          assumeRolePolicy: policyDoc({ Action: 'sts:*', Principal: { Service: 'states.amazonaws.com' } }),
        }),
      environment: 'development',
      expected: /wildcard action "sts:\*"/,
    },
    {
      policy: noWildcardIamActions,
      bad: () =>
        seeded(rolePolicy(), { policy: policyDoc({ NotAction: 'iam:PassRole', Resource: 'arn:aws:x' }) }),
      environment: 'development',
      expected: /NotAction/,
    },
    {
      policy: noWildcardIamResources,
      bad: () =>
        seeded(rolePolicy(), { policy: policyDoc({ Action: ['dynamodb:BatchGetItem'], Resource: '*' }) }),
      environment: 'development',
      expected: /Resource "\*" for dynamodb:BatchGetItem/,
    },
    {
      policy: noWildcardIamResources,
      bad: () =>
        seeded(rolePolicy(), {
          policy: policyDoc({
            Action: ['dynamodb:BatchGetItem'],
            Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/*',
          }),
        }),
      environment: 'development',
      expected: /wildcard resource "arn:aws:dynamodb:us-east-1:123456789012:table\/\*"/,
    },
    {
      policy: tablesEncrypted,
      bad: () => seeded(table(dev), { serverSideEncryption: { enabled: false } }),
      environment: 'development',
      expected: /serverSideEncryption\.enabled must be true/,
    },
    {
      policy: topicsEncrypted,
      bad: () => {
        const { kmsMasterKeyId: _, ...inputs } = resource(
          dev,
          'aws:sns/topic:Topic',
          'orders-dev-notifications-topic',
        ).inputs;
        return { ...resource(dev, 'aws:sns/topic:Topic', 'orders-dev-notifications-topic'), inputs };
      },
      environment: 'development',
      expected: /kmsMasterKeyId must name a KMS key/,
    },
    {
      policy: logRetentionSet,
      bad: () =>
        seeded(resource(dev, 'aws:cloudwatch/logGroup:LogGroup', 'orders-dev-verify-payment-logs'), {
          retentionInDays: 0,
        }),
      environment: 'development',
      expected: /retentionInDays must be set/,
    },
    {
      policy: lambdaRuntimeSupported,
      bad: () =>
        seeded(resource(dev, 'aws:lambda/function:Function', 'orders-dev-verify-payment-function'), {
          runtime: 'nodejs20.x',
        }),
      environment: 'development',
      expected: /runtime "nodejs20\.x" is deprecated on 2026-04-30/,
    },
    {
      policy: productionTablesProtected,
      bad: () => seeded(table(prod), { pointInTimeRecovery: { enabled: false } }),
      environment: 'production',
      expected: /pointInTimeRecovery\.enabled must be true/,
    },
    {
      policy: productionTablesProtected,
      bad: () => seeded(table(prod), { deletionProtectionEnabled: false }),
      environment: 'production',
      expected: /deletionProtectionEnabled must be true/,
    },
    {
      policy: productionNoExecutionData,
      bad: () =>
        seeded(stateMachine(prod), {
          loggingConfiguration: {
            ...(stateMachine(prod).inputs.loggingConfiguration as object),
            includeExecutionData: true,
          },
        }),
      environment: 'production',
      expected: /includeExecutionData must be false/,
    },
  ];

  it.each(cases.map((c) => [c.policy.name, c.expected, c] as const))('%s reports %s', async (_n, _e, c) => {
    const found = await violationsOf(c.policy, c.bad(), c.environment);

    expect(found).toEqual([expect.stringMatching(c.expected)]);
  });

  it('has a seeded case for every rule of the pack', () => {
    expect(new Set(cases.map((c) => c.policy.name))).toEqual(new Set(ORDERS_POLICIES.map((p) => p.name)));
  });

  it('keeps the production rules out of development stacks', async () => {
    const unprotected = seeded(table(dev), { pointInTimeRecovery: { enabled: false } });
    const chatty = stateMachine(dev);

    expect(await violationsOf(productionTablesProtected, unprotected, 'development')).toEqual([]);
    expect(await violationsOf(productionNoExecutionData, chatty, 'development')).toEqual([]);
    expect(chatty.inputs.loggingConfiguration).toMatchObject({ includeExecutionData: true });
  });

  it('applies the production rules to production-tagged resources even without the production pack config', async () => {
    const unprotected = seeded(table(prod), { pointInTimeRecovery: { enabled: false } });
    const chatty = seeded(stateMachine(prod), {
      loggingConfiguration: {
        ...(stateMachine(prod).inputs.loggingConfiguration as object),
        includeExecutionData: true,
      },
    });

    expect(await violationsOf(productionTablesProtected, unprotected, 'development')).toEqual([
      expect.stringMatching(/pointInTimeRecovery\.enabled must be true/),
    ]);
    expect(await violationsOf(productionNoExecutionData, chatty, 'development')).toEqual([
      expect.stringMatching(/includeExecutionData must be false/),
    ]);
  });

  it('accepts Resource "*" only for log delivery and X-Ray, log streams as <log-group>:*, executions as <machine>:*', async () => {
    const ok = seeded(rolePolicy(), {
      policy: policyDoc(
        { Action: ['logs:CreateLogDelivery', 'xray:PutTraceSegments'], Resource: '*' },
        {
          Action: ['logs:PutLogEvents'],
          Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders-dev-x:*',
        },
        {
          Action: ['states:DescribeExecution'],
          Resource: 'arn:aws:states:us-east-1:123456789012:execution:orders-dev-order-workflow:*',
        },
      ),
    });
    const anyMachine = seeded(rolePolicy(), {
      policy: policyDoc({
        Action: ['states:DescribeExecution'],
        Resource: 'arn:aws:states:us-east-1:123456789012:execution:*',
      }),
    });
    const mixed = seeded(rolePolicy(), {
      policy: policyDoc({ Action: ['logs:CreateLogDelivery', 'sns:Publish'], Resource: '*' }),
    });

    expect(await violationsOf(noWildcardIamResources, ok, 'development')).toEqual([]);
    expect(await violationsOf(noWildcardIamResources, anyMachine, 'development')).toEqual([
      expect.stringMatching(/wildcard resource "arn:aws:states:us-east-1:123456789012:execution:\*"$/),
    ]);
    expect(await violationsOf(noWildcardIamResources, mixed, 'development')).toEqual([
      expect.stringMatching(/Resource "\*" for sns:Publish$/),
    ]);
  });

  it('refuses every Lambda runtime @pulumi/aws marks deprecated, and neither nodejs22.x nor nodejs24.x', async () => {
    // The provider's enum is the machine-readable list we have; AWS deprecates runtimes before it does.
    const awsDir = dirname(createRequire(import.meta.url).resolve('@pulumi/aws/package.json'));
    const enums = readFileSync(join(awsDir, 'types/enums/lambda/index.d.ts'), 'utf8');
    const markedDeprecated = [...enums.matchAll(/@deprecated[^\n]*\n\s*\*\/\s*readonly \w+: "([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    const fn = resource(dev, 'aws:lambda/function:Function', 'orders-dev-charge-payment-function');
    const violations = (runtime: string) =>
      violationsOf(lambdaRuntimeSupported, seeded(fn, { runtime }), 'development');

    expect(markedDeprecated).toContain('nodejs16.x');
    expect(markedDeprecated.filter((r) => !DEPRECATED_LAMBDA_RUNTIMES.has(r))).toEqual([]);
    for (const runtime of ['nodejs18.x', 'nodejs20.x', ...markedDeprecated]) {
      expect(await violations(runtime)).toEqual([
        expect.stringContaining(`runtime "${runtime}" is deprecated`),
      ]);
    }
    expect(await violations('nodejs22.x')).toEqual([]);
    expect(await violations('nodejs24.x')).toEqual([]);
  });
});
