import { executionArnOf } from '@orders/shared-types';
import * as apigateway from '@pulumi/aws/apigatewayv2/index.js';
import * as cloudwatch from '@pulumi/aws/cloudwatch/index.js';
import * as dynamodb from '@pulumi/aws/dynamodb/index.js';
import { getCallerIdentityOutput } from '@pulumi/aws/getCallerIdentity.js';
import type * as kms from '@pulumi/aws/kms/index.js';
import * as lambda from '@pulumi/aws/lambda/index.js';
import * as pulumi from '@pulumi/pulumi';
import { customerManagedKey } from './internal/customer-managed-key.js';
import type { PolicyStatement } from './internal/policy-document.js';
import { OrderFunction, type OrderFunctionArgs } from './order-function.js';

/** Requests per second (steady) and burst that API Gateway lets through on one route before answering 429. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** The intake's routes, each with its own throttle. */
export const INTAKE_ROUTES = {
  submit: 'POST /orders',
  status: 'GET /orders/{id}',
} as const;

export const DEFAULT_THROTTLES: Readonly<Record<keyof typeof INTAKE_ROUTES, RouteThrottle>> = {
  submit: { rateLimit: 20, burstLimit: 50 },
  status: { rateLimit: 50, burstLimit: 100 },
};

/** The access log's fields: who asked what and how it went, never a body, a header or a query string. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  sourceIp: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

/** The DynamoDB actions the intake function needs on its idempotency table (claim, read, answer, free). */
export const IDEMPOTENCY_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/** The KMS actions DynamoDB performs for a principal that reads or writes a table encrypted with the key. */
export const VAULT_KEY_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
] as const;

export interface IntakeApiArgs {
  readonly namePrefix: string;
  readonly region: string;
  /** The intake function's settings (bundle, size, limits, environment); its statements come from here. */
  readonly function: Omit<OrderFunctionArgs, 'statements' | 'environment'> & {
    readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  };
  /** The environment variable names the intake reads for its tables and the state machine. */
  readonly environmentNames: {
    readonly vaultTable: string;
    readonly idempotencyTable: string;
    readonly stateMachine: string;
  };
  readonly stateMachineArn: pulumi.Input<string>;
  readonly ordersTableArn: pulumi.Input<string>;
  /** Roles besides the intake's that may read the vault through DynamoDB (verify-payment's, charge-payment's). */
  readonly vaultReaderRoleArns?: readonly pulumi.Input<string>[];
  readonly throttles?: Readonly<Record<keyof typeof INTAKE_ROUTES, RouteThrottle>>;
  readonly logRetentionDays: number;
  /** Point-in-time recovery and deletion protection for the vault (production). */
  readonly protect?: boolean;
  readonly tags?: Record<string, string>;
}

/**
 * The card vault's table name and ARN, known before the table exists, so that roles created before the
 * intake (verify-payment's, charge-payment's) may name it in their policies.
 */
export function cardVaultTable(
  namePrefix: string,
  region: string,
  parent?: pulumi.Resource,
): { readonly name: string; readonly arn: pulumi.Output<string> } {
  const name = `${namePrefix}-card-vault`;
  const identity = getCallerIdentityOutput({}, parent === undefined ? {} : { parent });
  const partition = identity.arn.apply((arn) => arn.split(':')[1] ?? 'aws');
  return {
    name,
    arn: pulumi.interpolate`arn:${partition}:dynamodb:${region}:${identity.accountId}:table/${name}`,
  };
}

/**
 * The front door for orders: an HTTP API (API Gateway v2) whose two routes, each throttled, invoke the intake
 * function; the card vault (DynamoDB, encrypted with its own KMS key that only the intake and the vault's
 * readers may use through DynamoDB) and the idempotency-key table. The intake may start this state machine
 * and nothing else.
 */
export class IntakeApi extends pulumi.ComponentResource {
  readonly api: apigateway.Api;
  readonly url: pulumi.Output<string>;
  readonly function: lambda.Function;
  readonly vault: dynamodb.Table;
  readonly vaultKey: kms.Key;
  readonly idempotency: dynamodb.Table;

  constructor(name: string, args: IntakeApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super('orders:intake:IntakeApi', name, {}, opts);
    const tags = args.tags === undefined ? {} : { tags: args.tags };
    const protect = args.protect ?? false;
    const throttles = args.throttles ?? DEFAULT_THROTTLES;

    this.idempotency = new dynamodb.Table(
      `${name}-idempotency`,
      {
        name: `${args.namePrefix}-intake-requests`,
        billingMode: 'PAY_PER_REQUEST',
        hashKey: 'IdempotencyKey',
        attributes: [{ name: 'IdempotencyKey', type: 'S' }],
        // Keys and their answers are kept for a day (ExpiresAt, epoch seconds).
        ttl: { attributeName: 'ExpiresAt', enabled: true },
        serverSideEncryption: { enabled: true },
        pointInTimeRecovery: { enabled: protect },
        deletionProtectionEnabled: protect,
        ...tags,
      },
      { parent: this },
    );

    // The vault's name, and so its ARN, is known before the table exists: the intake's role may name it, and
    // the vault key's policy may name the intake's role, with no cycle between them.
    const { name: vaultName, arn: vaultArn } = cardVaultTable(args.namePrefix, args.region, this);
    const intake = new OrderFunction(
      `${name}-function`,
      {
        ...args.function,
        environment: {
          ...args.function.environment,
          [args.environmentNames.vaultTable]: vaultName,
          [args.environmentNames.idempotencyTable]: this.idempotency.name,
          [args.environmentNames.stateMachine]: args.stateMachineArn,
        },
        statements: intakeStatements({
          stateMachineArn: args.stateMachineArn,
          ordersTableArn: args.ordersTableArn,
          vaultTableArn: vaultArn,
          idempotencyTableArn: this.idempotency.arn,
        }),
      },
      { parent: this },
    );
    this.function = intake.function;
    // Only these principals, and only through DynamoDB, may use the key: nobody reads a card past it.
    this.vaultKey = customerManagedKey(
      `${name}-vault-key`,
      {
        description: `${args.namePrefix} card vault`,
        statements: ({ accountId }) => [
          {
            sid: 'VaultUsersThroughDynamoDB',
            principal: { AWS: [intake.role.arn, ...(args.vaultReaderRoleArns ?? [])] },
            actions: [...VAULT_KEY_ACTIONS],
            condition: {
              StringEquals: {
                'kms:ViaService': `dynamodb.${args.region}.amazonaws.com`,
                'kms:CallerAccount': accountId,
              },
            },
          },
        ],
        ...tags,
      },
      { parent: this },
    );
    this.vault = new dynamodb.Table(
      `${name}-vault`,
      {
        name: vaultName,
        billingMode: 'PAY_PER_REQUEST',
        hashKey: 'Token',
        attributes: [{ name: 'Token', type: 'S' }],
        serverSideEncryption: { enabled: true, kmsKeyArn: this.vaultKey.arn },
        pointInTimeRecovery: { enabled: protect },
        deletionProtectionEnabled: protect,
        ...tags,
      },
      { parent: this },
    );

    this.api = new apigateway.Api(
      `${name}-api`,
      { name: `${args.namePrefix}-intake`, protocolType: 'HTTP', description: 'Orders intake', ...tags },
      { parent: this },
    );
    const integration = new apigateway.Integration(
      `${name}-integration`,
      {
        apiId: this.api.id,
        integrationType: 'AWS_PROXY',
        integrationUri: this.function.arn,
        payloadFormatVersion: '2.0',
        timeoutMilliseconds: 29_000,
      },
      { parent: this },
    );
    for (const [label, routeKey] of Object.entries(INTAKE_ROUTES)) {
      new apigateway.Route(
        `${name}-route-${label}`,
        { apiId: this.api.id, routeKey, target: pulumi.interpolate`integrations/${integration.id}` },
        { parent: this },
      );
    }
    const accessLogs = new cloudwatch.LogGroup(
      `${name}-access-logs`,
      { name: `/aws/apigateway/${args.namePrefix}-intake`, retentionInDays: args.logRetentionDays, ...tags },
      { parent: this },
    );
    const stage = new apigateway.Stage(
      `${name}-stage`,
      {
        apiId: this.api.id,
        name: '$default',
        autoDeploy: true,
        defaultRouteSettings: { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
        routeSettings: (Object.keys(INTAKE_ROUTES) as (keyof typeof INTAKE_ROUTES)[]).map((label) => ({
          routeKey: INTAKE_ROUTES[label],
          throttlingRateLimit: throttles[label].rateLimit,
          throttlingBurstLimit: throttles[label].burstLimit,
        })),
        accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
        ...tags,
      },
      { parent: this },
    );
    new lambda.Permission(
      `${name}-invoke`,
      {
        action: 'lambda:InvokeFunction',
        function: this.function.name,
        principal: 'apigateway.amazonaws.com',
        // This API's routes only.
        sourceArn: pulumi.interpolate`${this.api.executionArn}/*/*/orders*`,
      },
      { parent: this },
    );
    this.url = this.api.apiEndpoint;
    this.registerOutputs({ url: this.url, stage: stage.name });
  }
}

/**
 * Exactly what the intake calls: start this state machine and ask whether one of its executions still runs
 * (`GET /orders/{id}` of an order not yet claimed), read order rows, keep cards, keep keys. The vault
 * key's use is granted by the key's own policy (KMS needs no IAM grant for a principal its policy names).
 */
export function intakeStatements(refs: {
  readonly stateMachineArn: pulumi.Input<string>;
  readonly ordersTableArn: pulumi.Input<string>;
  readonly vaultTableArn: pulumi.Input<string>;
  readonly idempotencyTableArn: pulumi.Input<string>;
}): PolicyStatement[] {
  return [
    { sid: 'StartOrderWorkflow', actions: ['states:StartExecution'], resources: [refs.stateMachineArn] },
    {
      sid: 'DescribeOrderExecutions',
      actions: ['states:DescribeExecution'],
      resources: [executionsOf(refs.stateMachineArn)],
    },
    { sid: 'ReadOrders', actions: ['dynamodb:GetItem'], resources: [refs.ordersTableArn] },
    { sid: 'VaultCards', actions: ['dynamodb:PutItem'], resources: [refs.vaultTableArn] },
    { sid: 'IdempotencyKeys', actions: [...IDEMPOTENCY_ACTIONS], resources: [refs.idempotencyTableArn] },
  ];
}

/** The ARN pattern of every execution of a state machine (`…:execution:<name>:*`). */
function executionsOf(stateMachineArn: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(stateMachineArn).apply((arn) => executionArnOf(arn, '*'));
}
