import { describe, expect, it } from 'vitest';
import { createVirtualTime, StateMachine, StatesError } from '../../src/index.js';

const SQS = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

function machine(extra: Record<string, unknown> = {}) {
  return StateMachine.load({
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: SQS,
        Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
        End: true,
        ...extra,
      },
    },
  });
}

/** Starts an execution whose handler captures the task token it was sent. */
function start(sm: StateMachine) {
  let token!: string;
  let sent!: () => void;
  const tokenSent = new Promise<void>((r) => {
    sent = r;
  });
  const { clock, sleep } = createVirtualTime();
  const exec = sm.start(
    { order: 'o-1' },
    {
      clock,
      sleep,
      dispatcher: [
        {
          match: SQS,
          handler: async ({ parameters }) => {
            token = (parameters as { MessageBody: { token: string } }).MessageBody.token;
            sent();
            return { MessageId: 'm-1' };
          },
        },
      ],
    },
  );
  return { exec, tokenSent: tokenSent.then(() => token) };
}

describe('callback pattern (.waitForTaskToken)', () => {
  it('passes $$.Task.Token to the task and waits for sendTaskSuccess', async () => {
    const { exec, tokenSent } = start(machine());
    const token = await tokenSent;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(exec.status).toBe('RUNNING');
    exec.sendTaskSuccess(token, { approved: true });
    expect(await exec.result).toEqual({ status: 'SUCCEEDED', output: { approved: true } });
    expect(exec.history().map((e) => e.type)).toContain('TaskSubmitted');
    expect(() => exec.sendTaskSuccess(token, {})).toThrow(StatesError);
  });

  it('fails the task on sendTaskFailure, which Catch can handle', async () => {
    const { exec, tokenSent } = start(machine());
    exec.sendTaskFailure(await tokenSent, 'Rejected', 'by a human');
    expect(await exec.result).toEqual({ status: 'FAILED', error: 'Rejected', cause: 'by a human' });
  });

  it('times out without heartbeats', async () => {
    const { exec, tokenSent } = start(machine({ HeartbeatSeconds: 1 }));
    const token = await tokenSent;
    exec.sendTaskHeartbeat(token);
    expect(await exec.result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  });
});
