import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attachLocalTarget,
  InvalidStackOutputsError,
  MissingStackOutputError,
  NotALocalStackError,
  readStackOutputs,
  StackOutputsUnavailableError,
  startAwsTarget,
} from '../../src/index.js';

const OUTPUTS = {
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders',
  stateMachineName: 'orders',
  region: 'us-east-1',
  ordersTableName: 'orders',
  inventoryTableName: 'inventory',
  notificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
  functionNames: { verifyPayment: 'v', reserveStock: 'r', chargePayment: 'c', releaseStock: 'l' },
  intakeApiUrl: 'http://127.0.0.1:8083',
};
const LOCAL = {
  ...OUTPUTS,
  endpoints: { stepfunctions: 'http://sfn', dynamodb: 'http://m', sns: 'http://m', sqs: 'http://m' },
  queueUrl: 'http://m/q',
  controlUrl: 'http://sfn/_local',
};

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'e2e-outputs-')), 'outputs.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('readStackOutputs', () => {
  it('reads an outputs file', () => {
    expect(readStackOutputs({ stackName: 'dev', outputsFile: file(OUTPUTS) })).toEqual(OUTPUTS);
  });

  it('names what an outputs file lacks', () => {
    expect(() => readStackOutputs({ stackName: 'dev', outputsFile: file({ region: 'x' }) })).toThrow(
      InvalidStackOutputsError,
    );
  });

  it('says how to get the outputs when the Pulumi CLI cannot give them', () => {
    const attempt = () =>
      readStackOutputs({ stackName: 'e2e-no-such-stack', pulumiCwd: mkdtempSync(join(tmpdir(), 'e2e-')) });
    expect(attempt).toThrow(StackOutputsUnavailableError);
    expect(attempt).toThrow(/E2E_OUTPUTS=outputs\.json/);
  });
});

describe('startAwsTarget', () => {
  it('stops before creating anything when the outputs lack the intake API', async () => {
    const { intakeApiUrl: _url, ...withoutApi } = OUTPUTS;
    const outputsFile = file(withoutApi);
    await expect(startAwsTarget({ stackName: 'dev', runId: 'e2e-RUN', outputsFile })).rejects.toThrow(
      new MissingStackOutputError('intakeApiUrl', outputsFile, 'x').message.replace(/: x$/, ''),
    );
  });
});

describe('attachLocalTarget', () => {
  it('targets the running local stack the file describes, and leaves it running', async () => {
    const { target, stop } = attachLocalTarget(LOCAL, '.local/stack.json', 'e2e-RUN');
    expect(target).toEqual({
      kind: 'local',
      stackName: 'local (.local/stack.json)',
      runId: 'e2e-RUN',
      outputs: OUTPUTS,
      region: 'us-east-1',
      endpoints: LOCAL.endpoints,
      queueUrl: LOCAL.queueUrl,
      controlUrl: LOCAL.controlUrl,
    });
    await expect(stop()).resolves.toBeUndefined();
  });

  it('refuses outputs without the intake API, naming the output', () => {
    const { intakeApiUrl: _url, ...withoutApi } = LOCAL;
    expect(() => attachLocalTarget(withoutApi, '.local/stack.json', 'r')).toThrow(MissingStackOutputError);
    expect(() => attachLocalTarget(withoutApi, '.local/stack.json', 'r')).toThrow(
      /stack outputs from \.local\/stack\.json lack intakeApiUrl: /,
    );
  });

  it('refuses outputs without the local endpoints', () => {
    expect(() => attachLocalTarget({ ...LOCAL, controlUrl: undefined }, 'f', 'r')).toThrow(
      NotALocalStackError,
    );
    expect(() => attachLocalTarget({ ...LOCAL, endpoints: { sqs: 'x' } }, 'f', 'r')).toThrow(
      NotALocalStackError,
    );
  });
});
