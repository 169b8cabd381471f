import { checkCount, type FaultRegistry, type FaultSpec, InvalidFaultError } from './fault-registry.js';
import { type ServiceFaults, toServiceFault } from './service-faults.js';
import { type WorkflowTask, workflowTasks } from './workflow-tasks.js';

/** What a fault targets: a function (key, name or ARN), or a Task state of the deployed definition by name. */
export type FaultTarget = { readonly functionName: string } | { readonly state: string };

/**
 * Faults for every Task of the workflow. A Lambda Task's faults are its function's (the function registry's
 * queue, so Tasks that share a function share them); a service Task (DynamoDB, SNS, SQS) has a queue of its
 * own, taken where its integration would call moto.
 */
export class TaskFaults {
  private readonly tasks: ReadonlyMap<string, WorkflowTask>;

  constructor(
    private readonly functions: FaultRegistry,
    private readonly services: ServiceFaults,
    definition: unknown,
  ) {
    this.tasks = workflowTasks(definition);
  }

  /** Make the next `spec.count` runs of the target fail as described (a string is a function, as before). */
  inject(target: string | FaultTarget, spec: FaultSpec): void {
    const t = normalise(target);
    if ('functionName' in t) {
      this.functions.inject(t.functionName, spec);
      return;
    }
    const task = this.task(t.state);
    if (task.kind === 'lambda') this.functions.inject(lambdaFunction(task), spec);
    else {
      checkCount(spec);
      this.services.add(task.state, toServiceFault(task, spec), spec.count);
    }
  }

  /** Drop the faults still waiting: of one function or Task, or all of them. */
  clear(target?: string | FaultTarget): void {
    if (target === undefined) {
      this.functions.clear();
      this.services.clear();
      return;
    }
    const t = normalise(target);
    if ('functionName' in t) {
      this.functions.clear(t.functionName);
      return;
    }
    const task = this.task(t.state);
    if (task.kind === 'lambda') this.functions.clear(lambdaFunction(task));
    else this.services.clear(task.state);
  }

  /** The function faults still waiting, per function name (what `GET /_local/faults` has always answered). */
  pending(): Record<string, number> {
    return this.functions.pending();
  }

  /** The faults still waiting per Task state: a service Task's own, a Lambda Task's function's. */
  pendingByState(): Record<string, number> {
    const services = this.services.pending();
    const pending: Record<string, number> = {};
    for (const task of this.tasks.values()) {
      const n =
        task.kind === 'lambda'
          ? task.functionName === undefined
            ? 0
            : this.functions.pendingFor(task.functionName)
          : (services[task.state] ?? 0);
      if (n > 0) pending[task.state] = n;
    }
    return pending;
  }

  /** The deployed definition's Task states (what `{ state }` may name). */
  taskStates(): WorkflowTask[] {
    return [...this.tasks.values()];
  }

  private task(state: string): Exclude<WorkflowTask, { kind: 'other' }> {
    const task = this.tasks.get(state);
    if (task === undefined) {
      throw new InvalidFaultError(
        `state: no Task state named ${JSON.stringify(state)} in the deployed definition ` +
          `(its Tasks: ${[...this.tasks.keys()].join(', ')})`,
      );
    }
    if (task.kind === 'other') {
      throw new InvalidFaultError(
        `state '${state}': its resource ${task.resource} is neither a Lambda nor a service the local stack calls`,
      );
    }
    return task;
  }
}

function normalise(target: string | FaultTarget): FaultTarget {
  if (typeof target === 'string') return { functionName: target };
  const given = target as { functionName?: unknown; state?: unknown };
  if ((given.functionName === undefined) === (given.state === undefined)) {
    throw new InvalidFaultError('give exactly one of functionName and state');
  }
  if (given.state !== undefined) {
    if (typeof given.state !== 'string' || given.state === '')
      throw new InvalidFaultError(`state must be a Task state's name (got ${JSON.stringify(given.state)})`);
    return { state: given.state };
  }
  if (typeof given.functionName !== 'string' || given.functionName === '')
    throw new InvalidFaultError(`functionName must be a string (got ${JSON.stringify(given.functionName)})`);
  return { functionName: given.functionName };
}

function lambdaFunction(task: Extract<WorkflowTask, { kind: 'lambda' }>): string {
  if (task.functionName === undefined) {
    throw new InvalidFaultError(
      `state '${task.state}' picks its function when it runs (FunctionName from its input): target the function by functionName`,
    );
  }
  return task.functionName;
}
