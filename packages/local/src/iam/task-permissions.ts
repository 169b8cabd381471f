import { type ArnScope, type Permission, requiredPermissions } from './required-permissions.js';

/** The service call a Task makes, in the terms `requiredPermissions` takes. */
export interface TaskCall {
  readonly service: string;
  readonly operation: string;
  /** `arn:aws:states:::dynamodb:putItem` (optimized) as against `arn:aws:states:::aws-sdk:dynamodb:putItem`. */
  readonly optimized: boolean;
}

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;
const LAMBDA_FUNCTION = /^arn:aws[\w-]*:lambda:[^:]+:\d+:function:[^:]+(:[^:]+)?$/;
const OPTIMIZED = /^arn:aws[\w-]*:states:::([a-z0-9-]+):([A-Za-z]+)(\.\w+)?$/;
const AWS_SDK = /^arn:aws[\w-]*:states:::aws-sdk:([a-z0-9-]+):([A-Za-z]+)(\.\w+)?$/;

/** Which call a Task's Resource makes; undefined for a resource that is not a service call. */
export function taskCall(resource: string): TaskCall | undefined {
  if (LAMBDA_INVOKE.test(resource) || LAMBDA_FUNCTION.test(resource))
    return { service: 'lambda', operation: 'Invoke', optimized: true };
  const match = AWS_SDK.exec(resource) ?? OPTIMIZED.exec(resource);
  const [, service, action] = match ?? [];
  if (service === undefined || action === undefined) return undefined;
  return {
    service,
    operation: `${action.charAt(0).toUpperCase()}${action.slice(1)}`,
    optimized: !resource.includes(':::aws-sdk:'),
  };
}

/**
 * What the state machine's role needs for one Task: `lambda:InvokeFunction` on the function (a bare function
 * ARN as Resource is invoked itself), or the service action on what the parameters name.
 */
export function taskPermissions(resource: string, parameters: unknown, scope: ArnScope): Permission[] {
  const call = taskCall(resource);
  if (call === undefined) return [];
  const input = (typeof parameters === 'object' && parameters !== null ? parameters : {}) as Record<
    string,
    unknown
  >;
  if (call.service === 'lambda' && LAMBDA_FUNCTION.test(resource))
    return requiredPermissions('lambda', 'Invoke', { FunctionName: resource }, scope);
  return requiredPermissions(call.service, call.operation, input, scope);
}
