/**
 * The event an API Gateway HTTP API hands a Lambda proxy integration (payload format 2.0), built from one
 * HTTP request. Pure: the request id and the clock come in with the context, so a test pins every field.
 */
import type { MatchedRoute } from './http-api-routes.js';

/** An HTTP request as it reached the server. */
export interface IncomingApiRequest {
  readonly method: string;
  /** The request target: path and query string as sent (`/orders/a%20b?x=1`). */
  readonly target: string;
  /** Each header's values by lower-case name (Node's `req.headersDistinct`). */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  readonly body: Buffer;
  readonly sourceIp: string;
  /** `HTTP/1.1`. */
  readonly protocol: string;
}

/** What the API adds to every event: who it is and when the request came. */
export interface ApiEventContext {
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly requestId: string;
  readonly now: Date;
}

/** The payload format 2.0 event (`version: '2.0'`). */
export interface HttpApiEvent {
  readonly version: '2.0';
  readonly routeKey: string;
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly cookies?: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly queryStringParameters?: Readonly<Record<string, string>>;
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly requestContext: {
    readonly accountId: string;
    readonly apiId: string;
    readonly domainName: string;
    readonly domainPrefix: string;
    readonly http: {
      readonly method: string;
      readonly path: string;
      readonly protocol: string;
      readonly sourceIp: string;
      readonly userAgent: string;
    };
    readonly requestId: string;
    readonly routeKey: string;
    readonly stage: string;
    /** `04/Dec/2026:01:02:03 +0000`. */
    readonly time: string;
    /** Milliseconds since the epoch. */
    readonly timeEpoch: number;
  };
  readonly body?: string;
  readonly isBase64Encoded: boolean;
}

/**
 * The event for a request that matched `route`. As API Gateway builds it: header names lower-case, a
 * repeated header's values joined with commas, the `Cookie` header moved to `cookies`, a repeated query
 * parameter joined with commas, the body as UTF-8 text or, when it is not valid UTF-8, as base64 with
 * `isBase64Encoded`; `body`, `cookies`, `queryStringParameters` and `pathParameters` only when there are some.
 */
export function httpApiEvent(
  request: IncomingApiRequest,
  route: MatchedRoute,
  context: ApiEventContext,
): HttpApiEvent {
  const queryAt = request.target.indexOf('?');
  const rawPath = queryAt < 0 ? request.target : request.target.slice(0, queryAt);
  const rawQueryString = queryAt < 0 ? '' : request.target.slice(queryAt + 1);
  const { headers, cookies } = eventHeaders(request.headers);
  const query = queryParameters(rawQueryString);
  const body = eventBody(request.body);
  const domainName = headers.host ?? 'localhost';
  const method = request.method.toUpperCase();
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length === 0 ? {} : { cookies }),
    headers,
    ...(query === undefined ? {} : { queryStringParameters: query }),
    ...(Object.keys(route.pathParameters).length === 0 ? {} : { pathParameters: route.pathParameters }),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: route.routeKey,
      stage: context.stage,
      time: clfTime(context.now),
      timeEpoch: context.now.getTime(),
    },
    ...body,
  };
}

function eventHeaders(raw: IncomingApiRequest['headers']): {
  headers: Record<string, string>;
  cookies: string[];
} {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, values] of Object.entries(raw)) {
    if (values === undefined || values.length === 0) continue;
    const key = name.toLowerCase();
    if (key === 'cookie') {
      for (const value of values) cookies.push(...value.split(/;\s*/).filter((c) => c !== ''));
      continue;
    }
    headers[key] = headers[key] === undefined ? values.join(',') : `${headers[key]},${values.join(',')}`;
  }
  return { headers, cookies };
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    params[name] = params[name] === undefined ? value : `${params[name]},${value}`;
  }
  return Object.keys(params).length === 0 ? undefined : params;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function eventBody(body: Buffer): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  try {
    return { body: UTF8.decode(body), isBase64Encoded: false };
  } catch {
    return { body: body.toString('base64'), isBase64Encoded: true };
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time`: the common log format's time, in UTC. */
function clfTime(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(now.getUTCDate())}/${MONTHS[now.getUTCMonth()]}/${now.getUTCFullYear()}:` +
    `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} +0000`
  );
}
