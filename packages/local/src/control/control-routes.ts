import type { FaultSpec } from '../faults/fault-registry.js';
import { type LocalRoute, LocalRouteError } from '../sfn/local-server.js';

/** The stack's fault injection, as `LocalStack.faults` offers it and the `faults` route serves it. */
export interface FaultControls {
  /** Make the next `fault.count` invocations of a function (key, name or ARN) fail or time out. */
  inject(functionName: string, fault: FaultSpec): void;
  /** Drop waiting faults (of one function, or all). */
  clear(functionName?: string): void;
  pending(): Record<string, number>;
}

/** What the control routes read from the running stack. */
export interface ControlSources {
  readonly faults: FaultControls;
  /** Every line a Lambda wrote (all functions, or one by key, name or ARN), oldest first. */
  readonly lambdaLogs: (functionName?: string) => string[];
  /** The stack's outputs; a getter, because they name the server these routes are served by. */
  readonly outputs: () => unknown;
}

/**
 * The `/_local/` routes, for tests and tools in other processes: `faults` (GET pending, POST inject,
 * DELETE clear), `lambda-logs` and `outputs`.
 */
export function controlRoutes(sources: ControlSources): Readonly<Record<string, LocalRoute>> {
  return {
    faults: faultsRoute(sources.faults),
    'lambda-logs': ({ url }) => sources.lambdaLogs(functionNameParam(url)),
    outputs: () => sources.outputs(),
  };
}

function faultsRoute(faults: FaultControls): LocalRoute {
  return ({ method, url, body }) => {
    if (method === 'GET') return faults.pending();
    if (method === 'DELETE') return faults.clear(functionNameParam(url));
    // The registry validates the fault itself (count, error, timeout) and names the bad field.
    const { functionName, ...fault } = (body ?? {}) as { functionName?: unknown } & FaultSpec;
    if (typeof functionName !== 'string') throw new LocalRouteError('functionName (a string) is required');
    faults.inject(functionName, fault);
    return { ok: true, pending: faults.pending() };
  };
}

function functionNameParam(url: URL): string | undefined {
  return url.searchParams.get('functionName') ?? undefined;
}
