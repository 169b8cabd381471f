import type { LambdaService } from '../lambda/lambda-service.js';
import { type AwsSdkIntegration, parseServiceResource } from './aws-sdk-integration.js';
import { invokeLambda } from './lambda-invoke.js';

/** What the engine hands a task handler (the slice of it the integrations use). */
export interface TaskRequest {
  readonly resource: string;
  readonly parameters: unknown;
}

export type TaskHandlerFn = (request: TaskRequest) => Promise<unknown>;

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke$/;
const LAMBDA_FUNCTION = /^arn:aws[\w-]*:lambda:[^:]+:\d+:function:[^:]+(:[^:]+)?$/;

/**
 * Route each Task resource to the real thing: `lambda:invoke` (and bare function ARNs) to the Lambda
 * workers, `dynamodb:*`, `sns:*`, `sqs:*`, `aws-sdk:*` to moto through the SDK. Anything else is left
 * unresolved so the engine reports it.
 */
export function createDispatcher(lambda: LambdaService, aws: AwsSdkIntegration) {
  return {
    resolve(resource: string): TaskHandlerFn | undefined {
      if (LAMBDA_INVOKE.test(resource)) return ({ parameters }) => invokeLambda(lambda, parameters);
      if (LAMBDA_FUNCTION.test(resource)) {
        // A bare function ARN as Resource: the result is the function's payload itself.
        return async ({ parameters }) => {
          const envelope = (await invokeLambda(lambda, { FunctionName: resource, Payload: parameters })) as {
            Payload: unknown;
          };
          return envelope.Payload;
        };
      }
      const service = parseServiceResource(resource);
      if (service === undefined || !aws.supports(service)) return undefined;
      return ({ parameters }) => aws.call(service, parameters);
    },
  };
}
