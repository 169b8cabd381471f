import { executionArnOf } from '@orders/shared-types';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_LOG_FORMAT,
  DEFAULT_THROTTLES,
  INTAKE_ROUTES,
  VAULT_KEY_ACTIONS,
} from '../src/components/intake-api.js';
import { MOCK_ACCOUNT_ID, mockArn, type ProgramRun, runProgramWithMocks } from '../src/testing/index.js';
import { ofType, resource, statementPairs } from './support/captured.js';

const REGION = 'us-east-1';
const FUNCTION = 'aws:lambda/function:Function';
const TABLE = 'aws:dynamodb/table:Table';

describe.each(['dev', 'prod'])('the intake API (%s)', (stack) => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runProgramWithMocks({ stack });
  }, 60_000);
  const prefix = `orders-${stack}`;
  const intakeRole = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${prefix}-intake-function-role`;

  it('is an HTTP API whose two routes invoke the intake function through one Lambda proxy integration', () => {
    expect(resource(run, 'aws:apigatewayv2/api:Api', `${prefix}-intake-api`).inputs).toMatchObject({
      name: `${prefix}-intake`,
      protocolType: 'HTTP',
    });
    expect(
      resource(run, 'aws:apigatewayv2/integration:Integration', `${prefix}-intake-integration`).inputs,
    ).toMatchObject({
      integrationType: 'AWS_PROXY',
      integrationUri: mockArn(FUNCTION, `${prefix}-intake-api`, REGION),
      payloadFormatVersion: '2.0',
    });
    const routes = ofType(run, 'aws:apigatewayv2/route:Route').map((r) => r.inputs);
    expect(routes.map((r) => r.routeKey).sort()).toEqual(['GET /orders/{id}', 'POST /orders']);
    for (const route of routes) expect(route.target).toBe(`integrations/${prefix}-intake-integration-id`);
    // API Gateway may invoke the function for this API's order routes, nothing else.
    const permission = ofType(run, 'aws:lambda/permission:Permission').find(
      (p) => p.name === `${prefix}-intake-invoke`,
    );
    expect(permission?.inputs).toMatchObject({
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: `arn:aws:execute-api:${REGION}:${MOCK_ACCOUNT_ID}:${prefix}-intake-api-api-id/*/*/orders*`,
    });
  });

  it('throttles each route on its own and logs every request without its body', () => {
    const stage = resource(run, 'aws:apigatewayv2/stage:Stage', `${prefix}-intake-stage`).inputs;
    expect(stage).toMatchObject({ name: '$default', autoDeploy: true });
    expect(stage.routeSettings).toEqual([
      {
        routeKey: INTAKE_ROUTES.submit,
        throttlingRateLimit: DEFAULT_THROTTLES.submit.rateLimit,
        throttlingBurstLimit: DEFAULT_THROTTLES.submit.burstLimit,
      },
      {
        routeKey: INTAKE_ROUTES.status,
        throttlingRateLimit: DEFAULT_THROTTLES.status.rateLimit,
        throttlingBurstLimit: DEFAULT_THROTTLES.status.burstLimit,
      },
    ]);
    const logs = stage.accessLogSettings as { destinationArn: string; format: string };
    expect(logs.destinationArn).toBe(
      mockArn('aws:cloudwatch/logGroup:LogGroup', `/aws/apigateway/${prefix}-intake`, REGION),
    );
    expect(logs.format).toBe(ACCESS_LOG_FORMAT);
    // No body, header, query string or path parameter reaches the access log.
    expect(logs.format).not.toMatch(/body|header|querystring|path/i);
  });

  it('gives the intake role exactly: start this state machine, read orders, vault cards, keep its keys', () => {
    const policy = resource(run, 'aws:iam/rolePolicy:RolePolicy', `${prefix}-intake-function-policy`).inputs
      .policy;
    const table = (name: string) => mockArn(TABLE, `${prefix}-${name}`, REGION);
    expect(statementPairs(policy)).toEqual(
      [
        `logs:CreateLogStream ${mockArn('aws:cloudwatch/logGroup:LogGroup', `/aws/lambda/${prefix}-intake-api`, REGION)}:*`,
        `logs:PutLogEvents ${mockArn('aws:cloudwatch/logGroup:LogGroup', `/aws/lambda/${prefix}-intake-api`, REGION)}:*`,
        `states:StartExecution ${mockArn('aws:sfn/stateMachine:StateMachine', `${prefix}-order-workflow`, REGION)}`,
        `states:DescribeExecution ${executionArnOf(mockArn('aws:sfn/stateMachine:StateMachine', `${prefix}-order-workflow`, REGION), '*')}`,
        `dynamodb:GetItem ${table('orders')}`,
        `dynamodb:PutItem ${table('card-vault')}`,
        ...['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem'].map(
          (a) => `dynamodb:${a} ${table('intake-requests')}`,
        ),
      ].sort(),
    );
    const env = (
      resource(run, FUNCTION, `${prefix}-intake-function-function`).inputs.environment as {
        variables: Record<string, string>;
      }
    ).variables;
    expect(env).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      ORDERS_TABLE_NAME: `${prefix}-orders`,
      CARD_VAULT_TABLE_NAME: `${prefix}-card-vault`,
      INTAKE_REQUESTS_TABLE_NAME: `${prefix}-intake-requests`,
      ORDER_WORKFLOW_ARN: mockArn('aws:sfn/stateMachine:StateMachine', `${prefix}-order-workflow`, REGION),
    });
  });

  it("encrypts the vault with its own key, which only the payment provider's three users may use, through DynamoDB", () => {
    const vault = ofType(run, TABLE).find((t) => t.inputs.name === `${prefix}-card-vault`)?.inputs;
    const key = resource(run, 'aws:kms/key:Key', `${prefix}-intake-vault-key`);
    expect(vault).toMatchObject({
      hashKey: 'Token',
      serverSideEncryption: { enabled: true, kmsKeyArn: key.state.arn },
      pointInTimeRecovery: { enabled: stack === 'prod' },
      deletionProtectionEnabled: stack === 'prod',
    });
    expect(key.inputs.enableKeyRotation).toBe(true);
    const policy = JSON.parse(String(key.inputs.policy)) as {
      Statement: Array<{
        Sid: string;
        Principal: unknown;
        Action: string[];
        Condition?: unknown;
        Resource: string;
      }>;
    };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['AccountAdministers', 'VaultUsersThroughDynamoDB']);
    expect(policy.Statement[1]).toEqual({
      Sid: 'VaultUsersThroughDynamoDB',
      Effect: 'Allow',
      // The intake tokenizes, verify-payment checks a token's card, charge-payment charges it.
      Principal: {
        AWS: [
          intakeRole,
          `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${prefix}-verify-payment-role`,
          `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${prefix}-charge-payment-role`,
        ],
      },
      Action: [...VAULT_KEY_ACTIONS],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': `dynamodb.${REGION}.amazonaws.com`,
          'kms:CallerAccount': MOCK_ACCOUNT_ID,
        },
      },
    });
    // The account administers the key but cannot read a card with it outside DynamoDB's own use.
    expect(policy.Statement[0]?.Action).not.toContain('kms:*');
  });

  it('keeps idempotency keys for a day (TTL on ExpiresAt) and exports the API URL', () => {
    const requests = ofType(run, TABLE).find((t) => t.inputs.name === `${prefix}-intake-requests`)?.inputs;
    expect(requests).toMatchObject({
      hashKey: 'IdempotencyKey',
      ttl: { attributeName: 'ExpiresAt', enabled: true },
    });
    expect(run.outputs.intakeApiUrl).toBe(
      `https://${prefix}-intake-api-api-id.execute-api.${REGION}.amazonaws.com`,
    );
  });
});
