import type { Dispatcher, TaskHandler } from '@orders/asl-engine';
import { deniedTaskError } from './access-denied-errors.js';
import type { CallerIdentity, IamAuthorizer } from './iam-authorizer.js';
import type { ArnScope } from './required-permissions.js';
import { taskCall, taskPermissions } from './task-permissions.js';

/**
 * The state machine's calls checked against its role before they are made: a Task whose role lacks a
 * permission fails with the error Step Functions reports (e.g. `Lambda.AWSLambdaException`, cause
 * `User: … is not authorized to perform: lambda:InvokeFunction on resource: …`), and the service is not called.
 */
export function authorizingDispatcher(
  inner: Dispatcher,
  authorizer: IamAuthorizer,
  caller: CallerIdentity,
  scope: ArnScope,
): Dispatcher {
  const resolveInner = Array.isArray(inner)
    ? (resource: string) =>
        inner.find(({ match }) =>
          typeof match === 'string' ? match === resource || match === '*' : match.test(resource),
        )?.handler
    : (resource: string) => inner.resolve(resource);
  return {
    resolve(resource: string): TaskHandler | undefined {
      const handler = resolveInner(resource);
      const call = taskCall(resource);
      if (handler === undefined || call === undefined) return handler;
      return async (request) => {
        const denial = authorizer.authorize(caller, taskPermissions(resource, request.parameters, scope));
        if (denial !== undefined) throw deniedTaskError(call, denial);
        return handler(request);
      };
    },
  };
}
