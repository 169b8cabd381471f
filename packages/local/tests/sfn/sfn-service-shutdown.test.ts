import { describe, expect, it } from 'vitest';
import { aslEngineLoader } from '../../src/sfn/asl-engine-adapter.js';
import type { LoadMachine, RunningExecution } from '../../src/sfn/engine-port.js';
import { SfnService } from '../../src/sfn/sfn-service.js';

const ROLE = 'arn:aws:iam::123456789012:role/r';
const LONG_WAIT = JSON.stringify({
  StartAt: 'Wait a day',
  States: { 'Wait a day': { Type: 'Wait', Seconds: 86_400, End: true } },
});

function serviceWithLongWait() {
  const sfn = new SfnService({ region: 'us-east-1', accountId: '123456789012' }, aslEngineLoader([]));
  const { stateMachineArn } = sfn.addStateMachine({
    name: 'long-wait',
    definition: LONG_WAIT,
    roleArn: ROLE,
    type: 'STANDARD',
  });
  return { sfn, stateMachineArn };
}

describe('SfnService.shutdown', () => {
  it('stops every running execution as StopExecution would, promptly', async () => {
    const { sfn, stateMachineArn } = serviceWithLongWait();
    const arns = ['a', 'b'].map(
      (name) => sfn.startExecution({ stateMachineArn, name }).executionArn as string,
    );
    const started = Date.now();
    await sfn.shutdown();
    expect(Date.now() - started).toBeLessThan(1000);
    for (const executionArn of arns) {
      expect(sfn.describeExecution({ executionArn })).toMatchObject({ status: 'ABORTED' });
      const { events } = sfn.getExecutionHistory({ executionArn, reverseOrder: true }) as {
        events: Array<{ type: string }>;
      };
      expect(events[0]?.type).toBe('ExecutionAborted');
    }
    expect(sfn.listExecutions({ stateMachineArn, statusFilter: 'RUNNING' })).toMatchObject({
      executions: [],
    });
  });

  it('refuses executions started after it', async () => {
    const { sfn, stateMachineArn } = serviceWithLongWait();
    await sfn.shutdown();
    expect(() => sfn.startExecution({ stateMachineArn })).toThrow(/shutting down/);
  });

  it('stops running EXPRESS executions too, though it keeps no record of them', async () => {
    const runs: RunningExecution[] = [];
    const engine = aslEngineLoader([]);
    const recording: LoadMachine = (definition) => {
      const machine = engine(definition);
      return {
        start(input, context) {
          const run = machine.start(input, context);
          runs.push(run);
          return run;
        },
      };
    };
    const sfn = new SfnService({ region: 'us-east-1', accountId: '123456789012' }, recording);
    const { stateMachineArn } = sfn.addStateMachine({
      name: 'express-wait',
      definition: LONG_WAIT,
      roleArn: ROLE,
      type: 'EXPRESS',
    });
    sfn.startExecution({ stateMachineArn });
    await sfn.shutdown();
    expect(runs).toHaveLength(1);
    expect(await runs[0]?.result).toMatchObject({ status: 'ABORTED' });
  });
});
