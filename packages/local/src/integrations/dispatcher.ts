import type { Dispatcher, TaskHandler } from '@orders/asl-engine';
import type { LambdaService } from '../lambda/lambda-service.js';
import type { AwsSdkIntegration } from './aws-sdk-integration.js';
import { invokeLambda } from './lambda-invoke.js';
import { parseServiceResource } from './service-resource.js';

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke$/;
const LAMBDA_FUNCTION = /^arn:aws[\w-]*:lambda:[^:]+:\d+:function:[^:]+(:[^:]+)?$/;

/**
 * Route each Task resource to the real thing: `lambda:invoke` (and bare function ARNs) to the Lambda
 * workers, `dynamodb:*`, `sns:*`, `sqs:*`, `aws-sdk:*` to moto through the SDK. Anything else is left
 * unresolved so the engine reports it.
 */
export function createDispatcher(lambda: LambdaService, aws: AwsSdkIntegration): Dispatcher {
  return {
    resolve(resource: string): TaskHandler | undefined {
      if (LAMBDA_INVOKE.test(resource)) {
        return ({ parameters, signal }) => untilAborted(invokeLambda(lambda, parameters), signal);
      }
      if (LAMBDA_FUNCTION.test(resource)) {
        // A bare function ARN as Resource: the result is the function's payload itself.
        return async ({ parameters, signal }) => {
          const call = invokeLambda(lambda, { FunctionName: resource, Payload: parameters });
          const envelope = (await untilAborted(call, signal)) as { Payload: unknown };
          return envelope.Payload;
        };
      }
      const service = parseServiceResource(resource);
      if (service === undefined || !aws.supports(service)) return undefined;
      // The state name lets a fault injected for this Task (by state) meet it where moto would be called.
      return ({ parameters, signal, stateName }) => aws.call(service, parameters, { signal, stateName });
    },
  };
}

/**
 * Settle as soon as the task is aborted (execution stopped, task timed out, sibling branch failed).
 * The invocation itself runs on, as a Lambda invocation does when its caller gives up.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  // Once the caller has gone, the invocation's own outcome is nobody's to handle.
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
