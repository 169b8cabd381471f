import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalIamSettingError, RoleTrustError, startIamEnforcement } from '../../src/iam/iam-enforcement.js';
import { type LocalStack, type StackModel, startLocalStack } from '../../src/index.js';
import { clientsFor } from '../fixtures/local-clients.js';
import { testModel } from '../fixtures/test-model.js';

const ACCOUNT = '123456789012';
const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${resource}`;
const MACHINE_ROLE = `arn:aws:iam::${ACCOUNT}:role/machine-role`;
const FUNCTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/put-role`;
const allow = (action: string, resource: string) => ({ Effect: 'Allow', Action: action, Resource: resource });

/** Invoke `iam-put` (or, when asked, `iam-unlisted`, which the role may not invoke), write a row, publish. */
const DEFINITION = {
  StartAt: 'Which',
  States: {
    Which: {
      Type: 'Choice',
      Choices: [{ Variable: '$.unlisted', IsPresent: true, Next: 'Invoke Unlisted' }],
      Default: 'Put',
    },
    'Invoke Unlisted': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'iam-unlisted', 'Payload.$': '$' },
      End: true,
    },
    Put: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: arn('lambda', 'function:iam-put'), 'Payload.$': '$' },
      ResultPath: null,
      Next: 'Write row',
    },
    'Write row': {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'test-orders', Item: { OrderId: { 'S.$': "States.Format('{}-sfn', $.id)" } } },
      ResultPath: null,
      Next: 'Publish',
    },
    Publish: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: arn('sns', 'test-topic'), 'Message.$': '$' },
      End: true,
    },
  },
};

/** The small test model with roles: the machine may invoke iam-put and write Orders, not publish; iam-put may write Orders only. */
function iamModel(): StackModel {
  const base = testModel({ definition: DEFINITION });
  const fn = (name: string) => ({
    key: name,
    name,
    arn: arn('lambda', `function:${name}`),
    bundleDir: fileURLToPath(new URL('./fixtures', import.meta.url)),
    handler: 'index.put',
    environment: {},
    timeoutSeconds: 10,
    memorySize: 128,
    roleArn: FUNCTION_ROLE,
  });
  return {
    ...base,
    functions: [fn('iam-put'), fn('iam-unlisted')],
    stateMachine: { ...base.stateMachine, roleArn: MACHINE_ROLE },
    iam: {
      roles: [
        {
          name: 'machine-role',
          arn: MACHINE_ROLE,
          policies: [
            {
              name: 'tasks',
              document: {
                Statement: [
                  allow('lambda:InvokeFunction', arn('lambda', 'function:iam-put')),
                  allow('dynamodb:PutItem', arn('dynamodb', 'table/test-orders')),
                ],
              },
            },
          ],
        },
        {
          name: 'put-role',
          arn: FUNCTION_ROLE,
          policies: [
            {
              name: 'own',
              document: { Statement: [allow('dynamodb:PutItem', arn('dynamodb', 'table/test-orders'))] },
            },
          ],
        },
      ],
      resourcePolicies: [],
    },
  };
}

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ quiet: true, model: iamModel() });
});
afterAll(async () => {
  await stack?.stop();
});

async function run(input: object): Promise<{ status: string; error?: string; cause?: string }> {
  const { sfn } = clientsFor(stack.outputs);
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: stack.outputs.stateMachineArn,
      input: JSON.stringify(input),
    }),
  );
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') {
      return {
        status: String(execution.status),
        ...(execution.error === undefined ? {} : { error: execution.error }),
        ...(execution.cause === undefined ? {} : { cause: execution.cause }),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const rowIn = async (table: string, key: string, id: string) => {
  const dynamodb = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: stack.outputs.endpoints.dynamodb,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { [key]: { S: id } } }));
  dynamodb.destroy();
  return Item !== undefined;
};

describe('IAM enforced on the local stack (LOCAL_IAM on, the default)', () => {
  it('lets granted calls through and fails an ungranted Task as Step Functions does: SNS.AuthorizationErrorException', async () => {
    const id = `granted-${Date.now()}`;
    const result = await run({ table: 'test-orders', id });
    expect(await rowIn('test-orders', 'OrderId', id)).toBe(true); // the function's own write
    expect(await rowIn('test-orders', 'OrderId', `${id}-sfn`)).toBe(true); // the Task's write
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('SNS.AuthorizationErrorException');
    expect(result.cause).toMatch(
      new RegExp(
        `^User: arn:aws:sts::${ACCOUNT}:assumed-role/machine-role/[0-9a-f]{32} is not authorized to perform: SNS:Publish ` +
          `on resource: ${arn('sns', 'test-topic')} because no identity-based policy allows the SNS:Publish action ` +
          '\\(Service: AmazonSNS; Status Code: 403; Error Code: AuthorizationError;',
      ),
    );
  });

  it("fails a function's ungranted SDK call with the service's error, and the call never reaches moto", async () => {
    const id = `denied-${Date.now()}`;
    const result = await run({ table: 'test-inventory', id });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('AccessDeniedException');
    expect(JSON.parse(result.cause ?? '{}').errorMessage).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/put-role/iam-put is not authorized to perform: dynamodb:PutItem ` +
        `on resource: ${arn('dynamodb', 'table/test-inventory')} because no identity-based policy allows the dynamodb:PutItem action`,
    );
    expect(await rowIn('test-inventory', 'ItemId', id)).toBe(false);
  });

  it('fails an invoke of a function the role does not name with Lambda.AWSLambdaException', async () => {
    const result = await run({ unlisted: true, table: 'test-orders', id: 'never' });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Lambda.AWSLambdaException');
    expect(result.cause).toMatch(
      `is not authorized to perform: lambda:InvokeFunction on resource: ${arn('lambda', 'function:iam-unlisted')} because no identity-based policy allows`,
    );
    expect(stack.lambdaLogs('iam-unlisted')).toEqual([]);
  });
});

describe('LOCAL_IAM', () => {
  it('off: the functions talk to moto directly and the dispatcher is left as it is', async () => {
    const inner = { resolve: () => undefined };
    const off = await startIamEnforcement(iamModel(), 'http://127.0.0.1:1', { LOCAL_IAM: 'off' });
    expect(off.off).toBe('LOCAL_IAM=off');
    expect(off.functionEndpoint).toBe('http://127.0.0.1:1');
    expect(off.dispatcher(inner)).toBe(inner);
    const on = await startIamEnforcement(iamModel(), 'http://127.0.0.1:1', {});
    expect(on.off).toBeUndefined();
    expect(on.functionEndpoint).not.toBe('http://127.0.0.1:1');
    await on.close();
  });

  it('refuses, when on, a model whose function has no role, naming it', async () => {
    const model = iamModel();
    const roleless = { ...model, functions: model.functions.map(({ roleArn: _r, ...fn }) => fn) };
    await expect(startIamEnforcement(roleless, 'http://127.0.0.1:1', {})).rejects.toThrow(
      /every function needs its role \(roleArn\), and iam-put, iam-unlisted has none; set LOCAL_IAM=off/,
    );
  });

  it('refuses to start when the state machine role does not trust Step Functions, as CreateStateMachine does', async () => {
    const model = iamModel();
    const lambdaOnly = {
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    };
    const iam = model.iam;
    if (iam === undefined) throw new Error('the test model has IAM');
    const untrusted = {
      ...model,
      iam: { ...iam, roles: iam.roles.map((r) => ({ ...r, trustPolicy: lambdaOnly })) },
    };
    const attempt = startIamEnforcement(untrusted, 'http://127.0.0.1:1', {});
    await expect(attempt).rejects.toBeInstanceOf(RoleTrustError);
    await expect(attempt).rejects.toThrow(
      'state machine test-machine (role arn:aws:iam::123456789012:role/machine-role): Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.',
    );
  });

  it('refuses a value other than on or off, naming it', async () => {
    await expect(startIamEnforcement(iamModel(), 'http://127.0.0.1:1', { LOCAL_IAM: 'yes' })).rejects.toThrow(
      new LocalIamSettingError('LOCAL_IAM must be on or off, got "yes"'),
    );
  });
});
