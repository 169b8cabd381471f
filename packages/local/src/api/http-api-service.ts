import { randomBytes } from 'node:crypto';
import type { InvocationOutcome } from '../lambda/function-runtime.js';
import type { ApiHandler } from '../sfn/local-server.js';
import type { HttpApiSpec } from '../stack/stack-model.js';
import { httpApiEvent } from './http-api-event.js';
import { type ApiAnswer, apiGatewayAnswer, httpApiAnswer } from './http-api-response.js';
import { routeMatcher } from './http-api-routes.js';

export interface HttpApiServiceOptions {
  readonly api: HttpApiSpec;
  readonly accountId: string;
  /** The Lambda service's Invoke (a function error is an outcome; a refused call rejects). */
  readonly invoke: (functionName: string, event: unknown) => Promise<InvocationOutcome>;
  readonly now?: () => Date;
}

/**
 * The program's HTTP API on the local server, as API Gateway runs it: the route the request matches (none:
 * 404 `{"message":"Not Found"}`), its function invoked with the payload 2.0 event, the function's result as
 * the answer; a function error, a refused invoke or a result it cannot read is 500 `{"message":"Internal
 * Server Error"}`, no answer within the integration's timeout 503. Each answer carries `apigw-requestid`.
 */
export function httpApiService(options: HttpApiServiceOptions): ApiHandler {
  const match = routeMatcher(options.api.routes.map((r) => r.routeKey));
  const routes = new Map(options.api.routes.map((r) => [r.routeKey, r]));
  const now = options.now ?? (() => new Date());
  return async ({ req, body, res }) => {
    const requestId = apiGatewayRequestId();
    const target = req.url ?? '/';
    const rawPath = target.split('?')[0] ?? '/';
    const matched = match(req.method ?? 'GET', rawPath);
    const route = matched === undefined ? undefined : routes.get(matched.routeKey);
    let answer: ApiAnswer;
    if (matched === undefined || route === undefined) answer = apiGatewayAnswer('notFound');
    else {
      const event = httpApiEvent(
        {
          method: req.method ?? 'GET',
          target,
          headers: req.headersDistinct,
          body,
          sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
          protocol: `HTTP/${req.httpVersion}`,
        },
        matched,
        {
          accountId: options.accountId,
          apiId: options.api.apiId,
          stage: options.api.stage,
          requestId,
          now: now(),
        },
      );
      answer = await invokeWithin(route.timeoutMs, () => options.invoke(route.functionName, event));
    }
    res.writeHead(answer.statusCode, {
      ...answer.headers,
      'content-length': answer.body.length,
      'apigw-requestid': requestId,
    });
    res.end(answer.body);
  };
}

/** The function's answer, or API Gateway's 503 once the integration's timeout has passed. */
async function invokeWithin(timeoutMs: number, invoke: () => Promise<InvocationOutcome>): Promise<ApiAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ApiAnswer>((resolve) => {
    timer = setTimeout(() => resolve(apiGatewayAnswer('serviceUnavailable')), timeoutMs);
  });
  try {
    return await Promise.race([
      invoke().then(httpApiAnswer, () => apiGatewayAnswer('internalError')),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** API Gateway's request id: 11 random bytes in base64 (`JKJaXmPLvHcESHA=`). */
function apiGatewayRequestId(): string {
  return randomBytes(11).toString('base64');
}
