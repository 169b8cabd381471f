import { parseServiceResource } from '../integrations/service-resource.js';

/** A Task state of the definition, as a fault can target it. */
export type WorkflowTask =
  | {
      readonly kind: 'lambda';
      readonly state: string;
      /** The function it invokes (name or ARN as the definition writes it); undefined when chosen at run time. */
      readonly functionName: string | undefined;
    }
  | {
      readonly kind: 'service';
      readonly state: string;
      /** `dynamodb`, `sns`, `sqs`, … */
      readonly service: string;
      /** `updateItem`, `publish`, … */
      readonly action: string;
      /** The optimized integration (`dynamodb:updateItem`) names its errors `DynamoDB.…`, aws-sdk ones `DynamoDb.…`. */
      readonly optimized: boolean;
      /** Whether the state can time out (TimeoutSeconds or TimeoutSecondsPath): a hung call then ends. */
      readonly hasTimeout: boolean;
    }
  | { readonly kind: 'other'; readonly state: string; readonly resource: string };

type StateJson = Record<string, unknown>;
type ScopeJson = { States?: Record<string, StateJson> };

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;
const LAMBDA_FUNCTION = /^arn:aws[\w-]*:lambda:[^:]+:\d+:function:[^:]+(:[^:]+)?$/;

/** Every Task state of a definition (JSON text or parsed; Parallel branches and Map processors too), by name. */
export function workflowTasks(definition: unknown): ReadonlyMap<string, WorkflowTask> {
  const tasks = new Map<string, WorkflowTask>();
  const walk = (scope: ScopeJson | undefined) => {
    for (const [name, state] of Object.entries(scope?.States ?? {})) {
      if (state.Type === 'Task') tasks.set(name, describeTask(name, state));
      for (const branch of (state.Branches as ScopeJson[] | undefined) ?? []) walk(branch);
      walk((state.ItemProcessor ?? state.Iterator) as ScopeJson | undefined);
    }
  };
  walk((typeof definition === 'string' ? JSON.parse(definition) : definition) as ScopeJson);
  return tasks;
}

function describeTask(state: string, json: StateJson): WorkflowTask {
  const resource = typeof json.Resource === 'string' ? json.Resource : '';
  if (LAMBDA_FUNCTION.test(resource)) return { kind: 'lambda', state, functionName: resource };
  if (LAMBDA_INVOKE.test(resource)) {
    const args = (json.Arguments ?? json.Parameters) as Record<string, unknown> | undefined;
    const fn = typeof args === 'object' && args !== null ? args.FunctionName : undefined;
    // A JSONata FunctionName (`{% … %}`) or a path (`FunctionName.$`) is only known when the state runs.
    const fixed = typeof fn === 'string' && !fn.startsWith('{%') ? fn : undefined;
    return { kind: 'lambda', state, functionName: fixed };
  }
  const service = parseServiceResource(resource);
  if (service === undefined) return { kind: 'other', state, resource };
  return {
    kind: 'service',
    state,
    ...service,
    hasTimeout: json.TimeoutSeconds !== undefined || json.TimeoutSecondsPath !== undefined,
  };
}
