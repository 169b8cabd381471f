/**
 * The faults to inject: for every Task of the deployed definition, a transient fault (one failure, which
 * its Retry absorbs) and a permanent one (as many failures as its Retry allows, plus one). The counts are
 * read from the definition's own Retry rules, so the plan follows the workflow as it changes.
 */

/** Which orders reach a Task: the card they pay with, or a second submission of an order already recorded. */
export type OrderPath = 'good' | 'declined' | 'notVerified' | 'duplicate';

/** One injection through the stack's fault registry. */
export interface Injection {
  readonly state: string;
  readonly error: string;
  readonly count: number;
}

/** One row of the plan: a fault on a Task, and the order that meets it. */
export interface FaultCase {
  readonly state: string;
  readonly kind: 'transient' | 'permanent';
  /** The fault the case is about. */
  readonly fault: Injection;
  /** Faults injected with it so the order reaches `state` at all (a Keep … Notification needs its Notify to fail). */
  readonly with: readonly Injection[];
  readonly path: OrderPath;
}

/** A Task the plan cannot fault, and why (printed with the table). */
export interface SkippedTask {
  readonly state: string;
  readonly reason: string;
}

type Service = 'lambda' | 'dynamodb' | 'sns';

interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly MaxAttempts?: number;
}

interface TaskJson {
  readonly Type: string;
  readonly Resource?: string;
  readonly Retry?: readonly Retrier[];
  readonly Branches?: ReadonlyArray<{ States: Record<string, TaskJson> }>;
}

/** The error each kind of fault uses on each service (both retried by the workflow's Retry rules). */
const ERRORS: Record<Service, { transient: string; permanent: string }> = {
  lambda: { transient: 'Lambda.ServiceException', permanent: 'Lambda.ServiceException' },
  dynamodb: {
    transient: 'DynamoDB.ProvisionedThroughputExceededException',
    permanent: 'DynamoDB.InternalServerErrorException',
  },
  sns: { transient: 'SNS.ThrottledException', permanent: 'SNS.InternalErrorException' },
};

/**
 * Which orders reach each Task of the workflow (by state name), and for a Task that runs only after another
 * failed for good, that one. A Task missing here is reported as not faulted.
 */
export interface PathMap {
  readonly [state: string]: { readonly path: OrderPath; readonly after?: string };
}

/** The plan for `definition` (the rendered ASL JSON): a transient and a permanent fault per Task in `paths`. */
export function faultPlan(
  definition: string | object,
  paths: PathMap,
): { cases: FaultCase[]; skipped: SkippedTask[] } {
  const tasks = taskStates(typeof definition === 'string' ? JSON.parse(definition) : definition);
  const cases: FaultCase[] = [];
  const skipped: SkippedTask[] = [];
  for (const [state, task] of tasks) {
    const reach = paths[state];
    const service = serviceOf(task.Resource ?? '');
    if (reach === undefined) {
      skipped.push({ state, reason: 'no order path in the plan reaches it' });
      continue;
    }
    if (service === undefined) {
      skipped.push({
        state,
        reason: `its resource ${task.Resource ?? '(none)'} is not Lambda, DynamoDB or SNS`,
      });
      continue;
    }
    let prerequisite: Injection[];
    try {
      prerequisite = reach.after === undefined ? [] : [permanentFault(reach.after, tasks)];
    } catch (error) {
      skipped.push({ state, reason: (error as Error).message });
      continue;
    }
    const transient = ERRORS[service].transient;
    if (retriesOf(task, transient) > 0) {
      cases.push({
        state,
        kind: 'transient',
        fault: { state, error: transient, count: 1 },
        with: prerequisite,
        path: reach.path,
      });
    } else skipped.push({ state, reason: `${transient} is not retried: no transient fault` });
    cases.push({
      state,
      kind: 'permanent',
      fault: permanentFault(state, tasks),
      with: prerequisite,
      path: reach.path,
    });
  }
  return { cases, skipped };
}

/** As many failures as the Task's Retry allows for its service's permanent error, plus one. */
function permanentFault(state: string, tasks: ReadonlyMap<string, TaskJson>): Injection {
  const task = tasks.get(state);
  const service = task === undefined ? undefined : serviceOf(task.Resource ?? '');
  if (task === undefined || service === undefined)
    throw new Error(`needs a permanent fault on '${state}', which is not a Lambda, DynamoDB or SNS Task`);
  const error = ERRORS[service].permanent;
  return { state, error, count: retriesOf(task, error) + 1 };
}

/** How many times the Task's Retry retries `error`: MaxAttempts of the first retrier that matches it. */
export function retriesOf(task: TaskJson, error: string): number {
  for (const retrier of task.Retry ?? []) {
    const names = retrier.ErrorEquals;
    const matches =
      names.includes(error) ||
      names.includes('States.ALL') ||
      (names.includes('States.TaskFailed') && error !== 'States.Timeout');
    if (matches) return retrier.MaxAttempts ?? 3;
  }
  return 0;
}

function serviceOf(resource: string): Service | undefined {
  if (/^arn:aws[\w-]*:states:::lambda:invoke$/.test(resource)) return 'lambda';
  if (/^arn:aws[\w-]*:states:::dynamodb:\w+$/.test(resource)) return 'dynamodb';
  if (/^arn:aws[\w-]*:states:::sns:publish$/.test(resource)) return 'sns';
  return undefined;
}

/** Every Task state (Parallel branches too), in definition order. */
function taskStates(definition: { States?: Record<string, TaskJson> }): Map<string, TaskJson> {
  const found = new Map<string, TaskJson>();
  const walk = (states: Record<string, TaskJson> | undefined) => {
    for (const [name, state] of Object.entries(states ?? {})) {
      if (state.Type === 'Task') found.set(name, state);
      for (const branch of state.Branches ?? []) walk(branch.States);
    }
  };
  walk(definition.States);
  return found;
}
