import { describe, expect, it } from 'vitest';
import { aslEngineLoader } from '../../src/sfn/asl-engine-adapter.js';
import { SfnApiError } from '../../src/sfn/sfn-api-error.js';
import { SfnService } from '../../src/sfn/sfn-service.js';

const ROLE = 'arn:aws:iam::123456789012:role/r';
const PASS = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const WAIT_A_DAY = JSON.stringify({
  StartAt: 'W',
  States: { W: { Type: 'Wait', Seconds: 86_400, End: true } },
});
const CREATED = new Date('2026-01-02T03:04:05.678Z');

function service() {
  return new SfnService(
    { region: 'us-east-1', accountId: '123456789012' },
    aslEngineLoader([]),
    () => CREATED,
  );
}

describe('SfnService shapes', () => {
  it('answers DescribeStateMachineForExecution in its own shape: updateDate, no type or status', async () => {
    const sfn = service();
    const { stateMachineArn } = sfn.addStateMachine({
      name: 'm',
      definition: PASS,
      roleArn: ROLE,
      type: 'STANDARD',
    });
    const { executionArn } = sfn.startExecution({ stateMachineArn, name: 'e' });
    expect(sfn.describeStateMachineForExecution({ executionArn })).toEqual({
      stateMachineArn,
      name: 'm',
      definition: PASS,
      roleArn: ROLE,
      updateDate: CREATED,
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
    await sfn.shutdown();
  });

  it('serves every answer in wire form: dates as epoch seconds', async () => {
    const sfn = service();
    const operation = sfn.operations.CreateStateMachine;
    expect(operation).toBeDefined();
    const answer = await operation?.({ name: 'm', definition: PASS, roleArn: ROLE });
    expect(answer).toEqual({
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
      creationDate: CREATED.getTime() / 1000,
    });
  });

  it('rejects a field of the wrong type with the field named, before anything starts', () => {
    const sfn = service();
    expect(() =>
      sfn.createStateMachine({ name: 'm', definition: PASS, roleArn: ROLE, type: 'BATCH' }),
    ).toThrow(/Value 'BATCH' at 'type'/);
    expect(() => sfn.createStateMachine({ name: 'm', definition: 7, roleArn: ROLE })).toThrow(
      /at 'definition'/,
    );
  });

  it('answers a StartSyncExecution that the stack stopped under it with ServiceUnavailable, never ABORTED', async () => {
    const sfn = service();
    const { stateMachineArn } = sfn.addStateMachine({
      name: 'x',
      definition: WAIT_A_DAY,
      roleArn: ROLE,
      type: 'EXPRESS',
    });
    const answer = sfn.startSyncExecution({ stateMachineArn }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await sfn.shutdown();
    const error = await answer;
    expect(error).toBeInstanceOf(SfnApiError);
    expect(error).toMatchObject({ type: 'ServiceUnavailable', statusCode: 503 });
  });
});
