import type { FaultSpec } from '../faults/fault-registry.js';
import type { FaultTarget } from '../faults/task-faults.js';
import { type LocalRoute, LocalRouteError } from '../sfn/local-server.js';

/** The stack's fault injection, as `LocalStack.faults` offers it and the `faults` route serves it. */
export interface FaultControls {
  /**
   * Make the next `fault.count` runs of a target fail or time out: a function (key, name or ARN, also as
   * `{ functionName }`), or a Task state of the deployed definition (`{ state: 'Notify Order Processed' }`).
   */
  inject(target: string | FaultTarget, fault: FaultSpec): void;
  /** Drop waiting faults (of one function or Task state, or all). */
  clear(target?: string | FaultTarget): void;
  /** The function faults still waiting, per function name. */
  pending(): Record<string, number>;
  /** The faults still waiting per Task state (a Lambda Task counts its function's). */
  pendingByState(): Record<string, number>;
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
 * The `/_local/` routes, for tests and tools in other processes: `faults` (GET pending, `?by=state` per
 * Task; POST inject `{ functionName | state, count, … }`; DELETE clear, `?functionName=` or `?state=`),
 * `lambda-logs` and `outputs`.
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
    if (method === 'GET')
      return url.searchParams.get('by') === 'state' ? faults.pendingByState() : faults.pending();
    if (method === 'DELETE') return faults.clear(targetParam(url));
    // The faults validate the fault itself (count, error, timeout, the Task's service) and name the bad field.
    const { functionName, state, ...fault } = (body ?? {}) as {
      functionName?: unknown;
      state?: unknown;
    } & FaultSpec;
    if (state !== undefined) {
      if (functionName !== undefined) throw new LocalRouteError('give functionName or state, not both');
      if (typeof state !== 'string') throw new LocalRouteError('state (a Task state name) must be a string');
      faults.inject({ state }, fault);
      // Answered in the terms asked: pending per Task state.
      return { ok: true, pending: faults.pendingByState() };
    }
    if (typeof functionName !== 'string')
      throw new LocalRouteError('functionName (a string) is required, or state (a Task state name)');
    faults.inject(functionName, fault);
    return { ok: true, pending: faults.pending() };
  };
}

function targetParam(url: URL): FaultTarget | undefined {
  const state = url.searchParams.get('state');
  if (state !== null) return { state };
  const functionName = functionNameParam(url);
  return functionName === undefined ? undefined : { functionName };
}

function functionNameParam(url: URL): string | undefined {
  return url.searchParams.get('functionName') ?? undefined;
}
