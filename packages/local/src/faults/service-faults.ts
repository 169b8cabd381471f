import { errorPrefix } from '../integrations/service-names.js';
import { type FaultSpec, InvalidFaultError } from './fault-registry.js';
import type { WorkflowTask } from './workflow-tasks.js';

/** What one faulted call of a service integration does. */
export type ServiceFault =
  | {
      readonly kind: 'error';
      /** The error as the Task sees it: `DynamoDB.ProvisionedThroughputExceededException`. */
      readonly error: string;
      /** The service's error code: `ProvisionedThroughputExceededException`. */
      readonly code: string;
      readonly statusCode: number;
      readonly message: string;
    }
  /** The call hangs until the Task's TimeoutSeconds: `States.Timeout`. */
  | { readonly kind: 'timeout' };

type ServiceTask = Extract<WorkflowTask, { kind: 'service' }>;

/** The error each service answers with when a fault names none: its internal error, which Tasks retry. */
const DEFAULT_CODES: Readonly<Record<string, string>> = {
  dynamodb: 'InternalServerErrorException',
  sns: 'InternalErrorException',
  sqs: 'InternalFailure',
};

/** HTTP status of the errors the workflow's Retry and Catch rules name; any other code is a 400 unless internal. */
const STATUS_CODES: Readonly<Record<string, number>> = {
  InternalServerErrorException: 500,
  InternalErrorException: 500,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  ThrottledException: 429,
};

const CODE = /^[A-Za-z][A-Za-z0-9]*$/;

/** Check `spec` against the Task it targets and turn it into the fault its calls will meet. */
export function toServiceFault(task: ServiceTask, spec: FaultSpec): ServiceFault {
  const target = `state '${task.state}' (${task.service}:${task.action})`;
  if (spec.timeout === true) {
    if (spec.error !== undefined) throw new InvalidFaultError('give either error or timeout, not both');
    if (!task.hasTimeout) {
      throw new InvalidFaultError(
        `timeout: ${target} has no TimeoutSeconds, so a hung call would only end when the execution is stopped`,
      );
    }
    return { kind: 'timeout' };
  }
  const prefix = errorPrefix(task.service, task.optimized);
  if (prefix === undefined) {
    throw new InvalidFaultError(`${target}: the local stack cannot fault the ${task.service} service`);
  }
  const defaultCode = DEFAULT_CODES[task.service] ?? 'InternalFailure';
  const error = spec.error ?? `${prefix}.${defaultCode}`;
  if (typeof error !== 'string' || !error.startsWith(`${prefix}.`)) {
    throw new InvalidFaultError(
      `error ${JSON.stringify(error)} is not an error of ${target}: its errors start with '${prefix}.' ` +
        `(e.g. '${prefix}.${defaultCode}'${error === 'States.Timeout' ? '; for States.Timeout give timeout: true' : ''})`,
    );
  }
  const code = error.slice(prefix.length + 1);
  if (!CODE.test(code)) {
    throw new InvalidFaultError(`error ${JSON.stringify(error)}: '${code}' is not a service error code`);
  }
  if (spec.cause !== undefined && typeof spec.cause !== 'string')
    throw new InvalidFaultError(`cause must be a string (got ${JSON.stringify(spec.cause)})`);
  return {
    kind: 'error',
    error,
    code,
    statusCode: STATUS_CODES[code] ?? (/Internal/.test(code) ? 500 : 400),
    message: spec.cause ?? `Injected by the local stack's fault registry: ${code}`,
  };
}

/** The faults waiting for the next calls of each service Task, by state name. */
export class ServiceFaults {
  private readonly queues = new Map<string, ServiceFault[]>();

  /** Queue `count` copies of `fault` for the next calls `state` makes. */
  add(state: string, fault: ServiceFault, count: number): void {
    const queue = this.queues.get(state) ?? [];
    for (let i = 0; i < count; i++) queue.push(fault);
    this.queues.set(state, queue);
  }

  /** Take the fault for the next call of `state`, if one waits. */
  take(state: string): ServiceFault | undefined {
    const queue = this.queues.get(state);
    const fault = queue?.shift();
    if (queue !== undefined && queue.length === 0) this.queues.delete(state);
    return fault;
  }

  /** Drop the faults still waiting (for one state, or all). */
  clear(state?: string): void {
    if (state === undefined) this.queues.clear();
    else this.queues.delete(state);
  }

  /** The faults still waiting, per state name. */
  pending(): Record<string, number> {
    return Object.fromEntries([...this.queues].map(([state, queue]) => [state, queue.length]));
  }
}
