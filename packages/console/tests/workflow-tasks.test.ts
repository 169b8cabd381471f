import { describe, expect, it } from 'vitest';
import { workflowTasks } from '../src/workflow-tasks.js';

const DEFINITION = {
  StartAt: 'Claim',
  States: {
    Claim: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:updateItem', Next: 'Both' },
    Both: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Verify',
          States: {
            Verify: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Arguments: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:orders-verify' },
              End: true,
            },
          },
        },
      ],
      Next: 'Dynamic',
    },
    Dynamic: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: '{% $fn %}' },
      Next: 'Notify',
    },
    Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Next: 'Glue' },
    Glue: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun', End: true },
  },
};

describe('workflowTasks: a fault switch for every Task the local stack can fault', () => {
  it('lists Lambda and service Tasks in order, with the function key and the service faults', () => {
    const tasks = workflowTasks(DEFINITION, { verifyPayment: 'orders-verify' });
    expect(tasks.map((t) => [t.state, t.service, t.calls])).toEqual([
      ['Claim', 'dynamodb', 'dynamodb:updateItem'],
      ['Verify', 'lambda', 'verifyPayment'],
      ['Notify', 'sns', 'sns:publish'],
    ]);
    expect(tasks[1]?.functionName).toBe('orders-verify');
    // the first choice is the default: an error the workflow's Retry rules cover
    expect(tasks[0]?.choices[0]?.spec).toEqual({ error: 'DynamoDB.ProvisionedThroughputExceededException' });
    expect(tasks[2]?.choices.map((c) => c.spec.error ?? 'timeout')).toEqual([
      'SNS.ThrottledException',
      'SNS.InternalErrorException',
      'SNS.NotFoundException',
      'timeout',
    ]);
  });
});
