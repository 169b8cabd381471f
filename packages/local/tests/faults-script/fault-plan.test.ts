import { describe, expect, it } from 'vitest';
import { faultPlan, retriesOf } from '../../scripts/faults/fault-plan.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const definition = {
  StartAt: 'Claim',
  States: {
    Claim: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:updateItem',
      Retry: [
        {
          ErrorEquals: [
            'DynamoDB.ProvisionedThroughputExceededException',
            'DynamoDB.InternalServerErrorException',
          ],
          MaxAttempts: 3,
        },
      ],
      Next: 'Both',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Check',
          States: {
            Check: {
              Type: 'Task',
              Resource: LAMBDA,
              Retry: [{ ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 6 }],
              End: true,
            },
          },
        },
      ],
      Next: 'Notify',
    },
    Notify: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Retry: [{ ErrorEquals: ['SNS.InternalErrorException'], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Keep' }],
      End: true,
    },
    Keep: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:updateItem',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 5 }],
      End: true,
    },
    Unplanned: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true },
  },
};

describe('faultPlan', () => {
  const { cases, skipped } = faultPlan(JSON.stringify(definition), {
    Claim: { path: 'good' },
    Check: { path: 'notVerified' },
    Notify: { path: 'declined' },
    Keep: { path: 'declined', after: 'Notify' },
  });

  it('plans a transient fault of one and a permanent one of MaxAttempts + 1, from each Task’s own Retry', () => {
    expect(cases.map((c) => [c.state, c.kind, c.fault.error, c.fault.count, c.path])).toEqual([
      ['Claim', 'transient', 'DynamoDB.ProvisionedThroughputExceededException', 1, 'good'],
      ['Claim', 'permanent', 'DynamoDB.InternalServerErrorException', 4, 'good'],
      ['Check', 'transient', 'Lambda.ServiceException', 1, 'notVerified'],
      ['Check', 'permanent', 'Lambda.ServiceException', 7, 'notVerified'],
      ['Notify', 'permanent', 'SNS.InternalErrorException', 3, 'declined'],
      ['Keep', 'transient', 'DynamoDB.ProvisionedThroughputExceededException', 1, 'declined'],
      ['Keep', 'permanent', 'DynamoDB.InternalServerErrorException', 6, 'declined'],
    ]);
  });

  it('gives a Task reached only after another failed that one’s permanent fault with it', () => {
    const keep = cases.filter((c) => c.state === 'Keep');
    expect(keep.map((c) => c.with)).toEqual([
      [{ state: 'Notify', error: 'SNS.InternalErrorException', count: 3 }],
      [{ state: 'Notify', error: 'SNS.InternalErrorException', count: 3 }],
    ]);
  });

  it('names what it cannot fault: a Task no path reaches, an error its Retry does not retry', () => {
    expect(skipped).toEqual([
      { state: 'Notify', reason: 'SNS.ThrottledException is not retried: no transient fault' },
      { state: 'Unplanned', reason: 'no order path in the plan reaches it' },
    ]);
  });
});

describe('retriesOf', () => {
  it('takes the first retrier that matches, States.ALL and States.TaskFailed included, default MaxAttempts 3', () => {
    const task = {
      Type: 'Task',
      Retry: [{ ErrorEquals: ['PaymentError'], MaxAttempts: 0 }, { ErrorEquals: ['States.TaskFailed'] }],
    };
    expect(retriesOf(task, 'PaymentError')).toBe(0);
    expect(retriesOf(task, 'Lambda.ServiceException')).toBe(3);
    expect(retriesOf(task, 'States.Timeout')).toBe(0);
  });
});
