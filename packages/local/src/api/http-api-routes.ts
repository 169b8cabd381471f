/**
 * Route selection as an API Gateway HTTP API does it: a route key is `METHOD /path` (`ANY` for every method,
 * `{name}` one path segment, `{name+}` the rest of the path) or `$default`. The most specific route wins:
 * a literal segment beats a parameter, a parameter beats a greedy one, a method beats `ANY`; no route is 404.
 */

/** A route key the request matched, with the path parameters it bound. */
export interface MatchedRoute {
  readonly routeKey: string;
  /** Decoded values by parameter name; empty for a route without parameters. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

/** A route key that is neither `$default` nor `METHOD /path`. */
export class InvalidRouteKeyError extends Error {
  override readonly name = 'InvalidRouteKeyError';
}

const DEFAULT_ROUTE = '$default';

interface ParsedRoute {
  readonly routeKey: string;
  readonly method: string;
  readonly segments: readonly Segment[];
}

type Segment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

/** A matcher over the API's route keys; throws InvalidRouteKeyError naming a malformed key. */
export function routeMatcher(
  routeKeys: readonly string[],
): (method: string, rawPath: string) => MatchedRoute | undefined {
  const routes = routeKeys.filter((key) => key !== DEFAULT_ROUTE).map(parseRouteKey);
  const hasDefault = routeKeys.includes(DEFAULT_ROUTE);
  return (method, rawPath) => {
    const segments = rawPath.split('/').slice(1);
    let best: { route: ParsedRoute; params: Record<string, string>; rank: number[] } | undefined;
    for (const route of routes) {
      if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
      const params = bind(route.segments, segments);
      if (params === undefined) continue;
      const rank = rankOf(route);
      if (best === undefined || compareRanks(rank, best.rank) > 0) best = { route, params, rank };
    }
    if (best !== undefined) return { routeKey: best.route.routeKey, pathParameters: best.params };
    return hasDefault ? { routeKey: DEFAULT_ROUTE, pathParameters: {} } : undefined;
  };
}

function parseRouteKey(routeKey: string): ParsedRoute {
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new InvalidRouteKeyError(
      `route key ${JSON.stringify(routeKey)}: expected "$default" or "METHOD /path"`,
    );
  }
  const parts = match[2] === '/' ? [] : match[2].split('/').slice(1);
  const segments = parts.map((part, index): Segment => {
    const param = /^\{([^{}+]+)(\+?)\}$/.exec(part);
    if (param?.[1] === undefined) return { kind: 'literal', text: part };
    if (param[2] === '+') {
      if (index !== parts.length - 1) {
        throw new InvalidRouteKeyError(
          `route key ${JSON.stringify(routeKey)}: a greedy {${param[1]}+} must come last`,
        );
      }
      return { kind: 'greedy', name: param[1] };
    }
    return { kind: 'param', name: param[1] };
  });
  return { routeKey, method: match[1], segments };
}

/** The parameters a path binds to a route's segments, or undefined when it does not match. */
function bind(route: readonly Segment[], path: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  if (route.length === 0) return path.length === 1 && path[0] === '' ? params : undefined;
  for (const [index, segment] of route.entries()) {
    if (segment.kind === 'greedy') {
      const rest = path.slice(index).join('/');
      if (rest === '') return undefined;
      params[segment.name] = decode(rest);
      return params;
    }
    const part = path[index];
    if (part === undefined || part === '') return undefined;
    if (segment.kind === 'literal') {
      if (part !== segment.text) return undefined;
    } else params[segment.name] = decode(part);
  }
  return path.length === route.length ? params : undefined;
}

/** Per segment 2 (literal), 1 (parameter) or 0 (greedy), then 1 for a method over ANY. */
function rankOf(route: ParsedRoute): number[] {
  return [
    ...route.segments.map((s) => (s.kind === 'literal' ? 2 : s.kind === 'param' ? 1 : 0)),
    route.method === 'ANY' ? 0 : 1,
  ];
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A path parameter as the handler sees it: URL-decoded, or as sent when it is not valid encoding. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
