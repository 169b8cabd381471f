import { workflowTasks as tasksOf } from '@orders/local/workflow-tasks';

/**
 * The Task states of the deployed definition, as the fault switches offer them: each Task with what it
 * calls (a Lambda function, or a service integration) and the faults that make sense for it.
 */

/** A fault the switch of a Task can inject (the body the stack's `/_local/faults` route takes, less count). */
export interface FaultChoice {
  readonly label: string;
  readonly spec: { readonly error?: string; readonly timeout?: boolean };
}

export interface WorkflowTask {
  readonly state: string;
  /** `lambda` for Lambda Tasks, else the service of the integration (`dynamodb`, `sns`, `sqs`, …). */
  readonly service: string;
  /** What it calls, for the switch's title: the function's key, or `dynamodb:updateItem`. */
  readonly calls: string;
  /** The Lambda function's name, when it is one. */
  readonly functionName?: string;
  /** The faults its switch offers, the first by default. */
  readonly choices: readonly FaultChoice[];
}

const TIMEOUT: FaultChoice = { label: 'hangs until the Task times out', spec: { timeout: true } };

/** Per service: the errors its Tasks retry first, then one a Retry does not cover (Catch or fail). */
const CHOICES: Readonly<Record<string, readonly FaultChoice[]>> = {
  lambda: [
    { label: 'service error (the Task retries it)', spec: { error: 'Lambda.ServiceException' } },
    { label: 'the function throws Error (caught)', spec: { error: 'Error' } },
    { label: 'hangs until its timeout', spec: { timeout: true } },
  ],
  dynamodb: [
    {
      label: 'throttled (ProvisionedThroughputExceeded, retried)',
      spec: { error: 'DynamoDB.ProvisionedThroughputExceededException' },
    },
    { label: 'internal server error (retried)', spec: { error: 'DynamoDB.InternalServerErrorException' } },
    {
      label: 'condition fails (ConditionalCheckFailed)',
      spec: { error: 'DynamoDB.ConditionalCheckFailedException' },
    },
    TIMEOUT,
  ],
  sns: [
    { label: 'throttled (retried)', spec: { error: 'SNS.ThrottledException' } },
    { label: 'internal error (retried)', spec: { error: 'SNS.InternalErrorException' } },
    { label: 'topic not found (not retried)', spec: { error: 'SNS.NotFoundException' } },
    TIMEOUT,
  ],
  sqs: [{ label: 'internal failure', spec: { error: 'SQS.InternalFailure' } }, TIMEOUT],
};

/**
 * Every Task of the definition (Parallel branches and Map processors too), in the definition's order,
 * with its faults; Tasks the local stack cannot fault (no function known, an integration whose errors the
 * switches do not offer: aws-sdk's are spelt `DynamoDb.…`) are left out. The Tasks come from the stack's
 * own reading of the definition (`@orders/local/workflow-tasks`, the one its fault registry uses);
 * `functionNames` (the stack's outputs) turns function names into their keys.
 */
export function workflowTasks(
  definition: unknown,
  functionNames: Readonly<Record<string, string>>,
): WorkflowTask[] {
  const keyOf = new Map(Object.entries(functionNames).map(([key, name]) => [name, key]));
  const tasks: WorkflowTask[] = [];
  for (const task of tasksOf(definition).values()) {
    if (task.kind === 'lambda') {
      // a FunctionName chosen at run time (a path, JSONata) has no switch: the stack cannot tell which one
      if (task.functionName === undefined) continue;
      const functionName = task.functionName.split(':').at(-1) ?? task.functionName;
      const calls = keyOf.get(functionName) ?? functionName;
      tasks.push({
        state: task.state,
        service: 'lambda',
        calls,
        functionName,
        choices: CHOICES.lambda ?? [],
      });
    } else if (task.kind === 'service' && task.optimized) {
      const choices = CHOICES[task.service];
      if (choices !== undefined)
        tasks.push({
          state: task.state,
          service: task.service,
          calls: `${task.service}:${task.action}`,
          choices,
        });
    }
  }
  return tasks;
}
