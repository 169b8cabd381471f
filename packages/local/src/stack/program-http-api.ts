import type { MockedResource } from './program-model.js';
import type { HttpApiRouteSpec, HttpApiSpec } from './stack-model.js';

const API = 'aws:apigatewayv2/api:Api';
const INTEGRATION = 'aws:apigatewayv2/integration:Integration';
const ROUTE = 'aws:apigatewayv2/route:Route';
const STAGE = 'aws:apigatewayv2/stage:Stage';

/** How the program model reads a resource's fields and swaps mock ARNs for local ones. */
export interface ResourceReader {
  readonly field: (r: MockedResource, key: string) => unknown;
  readonly swap: (text: string) => string;
}

/**
 * The program's HTTP API (API Gateway v2, protocol HTTP), each route with the function its integration
 * invokes: what the local server serves. The routes come from the program, so a route added there is served
 * here. Undefined when the program has none; what cannot be served locally (another integration type or
 * payload format, a second HTTP API, a route whose integration is missing) is added to `problems`.
 */
export function httpApiFromProgram(
  resources: readonly MockedResource[],
  { field, swap }: ResourceReader,
  problems: string[],
): HttpApiSpec | undefined {
  const apis = resources.filter((r) => r.type === API && field(r, 'protocolType') === 'HTTP');
  if (apis.length === 0) return undefined;
  const [api] = apis;
  if (apis.length > 1 || api === undefined) {
    problems.push(`the local stack serves one HTTP API, the program declares ${apis.length}`);
    return undefined;
  }
  const apiId = api.id ?? `${api.name}-id`;
  const ofApi = (type: string) => resources.filter((r) => r.type === type && field(r, 'apiId') === apiId);
  const integrations = new Map(ofApi(INTEGRATION).map((r) => [r.id ?? `${r.name}-id`, r]));
  const routes: HttpApiRouteSpec[] = [];
  for (const route of ofApi(ROUTE)) {
    const routeKey = String(field(route, 'routeKey'));
    const target = String(field(route, 'target') ?? '');
    const integration = integrations.get(target.replace(/^integrations\//, ''));
    if (integration === undefined) {
      problems.push(
        `HTTP API route ${routeKey} targets ${JSON.stringify(target)}, which is none of the API's integrations`,
      );
      continue;
    }
    const type = field(integration, 'integrationType');
    const format = field(integration, 'payloadFormatVersion');
    const functionName = lambdaFunctionName(swap(String(field(integration, 'integrationUri') ?? '')));
    if (type !== 'AWS_PROXY' || format !== '2.0' || functionName === undefined) {
      problems.push(
        `HTTP API route ${routeKey}: the local stack serves Lambda proxy integrations with payload format 2.0 ` +
          `(got ${String(type)}, ${String(format)}, ${String(field(integration, 'integrationUri'))})`,
      );
      continue;
    }
    const timeout = Number(field(integration, 'timeoutMilliseconds'));
    routes.push({
      routeKey,
      functionName,
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 30_000,
    });
  }
  const stage = ofApi(STAGE)[0];
  return {
    name: String(field(api, 'name') ?? api.name),
    apiId,
    stage: stage === undefined ? '$default' : String(field(stage, 'name') ?? '$default'),
    routes,
  };
}

/** The function a Lambda integration URI names: a function ARN, or API Gateway's `…/functions/<arn>/invocations`. */
function lambdaFunctionName(uri: string): string | undefined {
  const match = /arn:aws[a-z-]*:lambda:[^:]+:\d+:function:([^:/]+)/.exec(uri);
  return match?.[1];
}
