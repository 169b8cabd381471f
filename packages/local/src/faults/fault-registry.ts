/** A fault for the next `count` invocations of one function. */
export interface FaultSpec {
  /** How many of the next invocations fail; at least 1. */
  readonly count: number;
  /**
   * The error: a Lambda service error (`Lambda.ServiceException`, `Lambda.TooManyRequestsException`, …)
   * fails the invoke call itself; any other name is thrown by the function (a function error).
   * Default `Lambda.ServiceException`, unless `timeout` is set.
   */
  readonly error?: string;
  /** The error message (the Step Functions cause text for service errors). */
  readonly cause?: string;
  /** The invocations hang until the function's timeout, then fail with `Sandbox.Timedout`. */
  readonly timeout?: boolean;
}

/** What one faulted invocation does. */
export type Fault =
  | { readonly kind: 'service'; readonly error: string; readonly cause?: string }
  | { readonly kind: 'function'; readonly error: string; readonly cause?: string }
  | { readonly kind: 'timeout' };

/** An injected fault was described in a way we cannot honour. */
export class InvalidFaultError extends Error {
  override readonly name = 'InvalidFaultError';
  /** Answered as a client error by the control route. */
  readonly statusCode = 400;
}

/**
 * The faults waiting for the next invocations of each function. Names are resolved by the caller, so
 * `verifyPayment`, the function name and its ARN all reach the same queue.
 */
export class FaultRegistry {
  private readonly queues = new Map<string, Fault[]>();

  constructor(private readonly resolveName: (functionName: string) => string | undefined) {}

  /** Make the next `spec.count` invocations of `functionName` fail as described. */
  inject(functionName: string, spec: FaultSpec): void {
    const name = this.resolveName(functionName);
    if (name === undefined)
      throw new InvalidFaultError(`no function named '${functionName}' in the local stack`);
    checkCount(spec);
    const fault = toFault(spec);
    const queue = this.queues.get(name) ?? [];
    for (let i = 0; i < spec.count; i++) queue.push(fault);
    this.queues.set(name, queue);
  }

  /** Take the fault for the next invocation of `name` (a resolved function name), if one waits. */
  take(name: string): Fault | undefined {
    const queue = this.queues.get(name);
    const fault = queue?.shift();
    if (queue !== undefined && queue.length === 0) this.queues.delete(name);
    return fault;
  }

  /** Drop the faults still waiting (for one function, or all). */
  clear(functionName?: string): void {
    if (functionName === undefined) this.queues.clear();
    else {
      const name = this.resolveName(functionName);
      if (name !== undefined) this.queues.delete(name);
    }
  }

  /** How many faults wait for a function (by key, name or ARN); 0 for an unknown one. */
  pendingFor(functionName: string): number {
    const name = this.resolveName(functionName);
    return name === undefined ? 0 : (this.queues.get(name)?.length ?? 0);
  }

  /** The faults still waiting, per function name. */
  pending(): Record<string, number> {
    return Object.fromEntries([...this.queues].map(([name, queue]) => [name, queue.length]));
  }
}

/** A fault's `count` is a positive integer (shared by function and Task faults). */
export function checkCount(spec: FaultSpec): void {
  if (!Number.isInteger(spec.count) || spec.count < 1) {
    throw new InvalidFaultError(`count must be a positive integer (got ${JSON.stringify(spec.count)})`);
  }
}

function toFault(spec: FaultSpec): Fault {
  if (spec.timeout === true) {
    if (spec.error !== undefined) throw new InvalidFaultError('give either error or timeout, not both');
    return { kind: 'timeout' };
  }
  const error = spec.error ?? 'Lambda.ServiceException';
  if (typeof error !== 'string' || error === '')
    throw new InvalidFaultError('error must be a non-empty string');
  const cause = spec.cause === undefined ? {} : { cause: spec.cause };
  return { kind: error.startsWith('Lambda.') ? 'service' : 'function', error, ...cause };
}
