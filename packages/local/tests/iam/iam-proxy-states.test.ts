import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IamAuthorizer } from '../../src/iam/iam-authorizer.js';
import { type IamProxy, startIamProxy } from '../../src/iam/iam-proxy.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/intake-role`;
const WORKFLOW = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders-workflow`;
const OTHER = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:other-workflow`;

/** A stand-in service that remembers the X-Amz-Target of every call that reached it. */
async function recordingServer(answer: string): Promise<{ server: Server; url: string; reached: string[] }> {
  const reached: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      reached.push(String(req.headers['x-amz-target']));
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reached };
}

describe('the IAM proxy for Step Functions calls (the intake starting the workflow)', () => {
  let moto: Awaited<ReturnType<typeof recordingServer>>;
  let states: Awaited<ReturnType<typeof recordingServer>>;
  let proxy: IamProxy;
  let sfn: SFNClient;
  beforeAll(async () => {
    moto = await recordingServer('{}');
    states = await recordingServer(JSON.stringify({ executionArn: `${WORKFLOW}:o-1`, startDate: 1 }));
    const authorizer = new IamAuthorizer(
      {
        roles: [
          {
            name: 'intake-role',
            arn: ROLE,
            policies: [
              {
                name: 'p',
                document: {
                  Statement: [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: WORKFLOW }],
                },
              },
            ],
          },
        ],
        resourcePolicies: [],
      },
      { region: 'us-east-1', accountId: ACCOUNT },
    );
    proxy = await startIamProxy({
      target: moto.url,
      serviceTargets: { states: states.url },
      authorizer,
      accountId: ACCOUNT,
      callers: new Map([['intake-api', { roleArn: ROLE, sessionName: 'intake-api' }]]),
    });
    sfn = new SFNClient({
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'intake-api', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    sfn?.destroy();
    await proxy?.close();
    for (const s of [moto, states]) await new Promise((resolve) => s?.server.close(resolve));
  });

  it('hands an allowed StartExecution to the Step Functions API, not to moto', async () => {
    const answer = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: WORKFLOW, name: 'o-1', input: '{}' }),
    );

    expect(answer.executionArn).toBe(`${WORKFLOW}:o-1`);
    expect(states.reached).toEqual(['AWSStepFunctions.StartExecution']);
    expect(moto.reached).toEqual([]);
  });

  it('refuses StartExecution of another state machine with the 400 AccessDeniedException the SDK names', async () => {
    const before = states.reached.length;
    const error = await sfn
      .send(new StartExecutionCommand({ stateMachineArn: OTHER, name: 'o-2', input: '{}' }))
      .then(
        () => undefined,
        (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
      );

    expect(error?.name).toBe('AccessDeniedException');
    expect(error?.$metadata?.httpStatusCode).toBe(400);
    expect(error?.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/intake-role/intake-api is not authorized to perform: states:StartExecution ` +
        `on resource: ${OTHER} because no identity-based policy allows the states:StartExecution action`,
    );
    expect(states.reached.length).toBe(before);
  });
});
