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

const OPTIMIZED = /^arn:aws[\w-]*:states:::([a-z0-9]+):([A-Za-z]+)$/;

type StateJson = Record<string, unknown>;
type ScopeJson = { States?: Record<string, StateJson> };

/**
 * Every Task of the definition (Parallel branches and Map processors too), in the definition's order,
 * with its faults; Tasks the local stack cannot fault (no function known, an integration it does not
 * call) are left out. `functionNames` (the stack's outputs) turns function names into their keys.
 */
export function workflowTasks(
  definition: unknown,
  functionNames: Readonly<Record<string, string>>,
): WorkflowTask[] {
  const keyOf = new Map(Object.entries(functionNames).map(([key, name]) => [name, key]));
  const tasks: WorkflowTask[] = [];
  const walk = (scope: ScopeJson | undefined) => {
    for (const [state, json] of Object.entries(scope?.States ?? {})) {
      if (json.Type === 'Task') {
        const task = describe(state, json, keyOf);
        if (task !== undefined) tasks.push(task);
      }
      for (const branch of (json.Branches as ScopeJson[] | undefined) ?? []) walk(branch);
      walk((json.ItemProcessor ?? json.Iterator) as ScopeJson | undefined);
    }
  };
  walk(definition as ScopeJson);
  return tasks;
}

function describe(
  state: string,
  json: StateJson,
  keyOf: ReadonlyMap<string, string>,
): WorkflowTask | undefined {
  const resource = typeof json.Resource === 'string' ? json.Resource : '';
  const lambdaChoices = CHOICES.lambda ?? [];
  if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
    const args = (json.Arguments ?? json.Parameters) as Record<string, unknown> | undefined;
    const fn = args?.FunctionName;
    // a FunctionName chosen at run time (a path, JSONata) has no switch: the stack cannot tell which one
    if (typeof fn !== 'string' || fn.startsWith('{%')) return undefined;
    const functionName = fn.split(':').at(-1) ?? fn;
    const key = keyOf.get(functionName) ?? functionName;
    return { state, service: 'lambda', calls: key, functionName, choices: lambdaChoices };
  }
  const [, service, action] = OPTIMIZED.exec(resource) ?? [];
  const choices = service === undefined ? undefined : CHOICES[service];
  if (choices === undefined) return undefined;
  return { state, service: service ?? '', calls: `${service}:${action}`, choices };
}
