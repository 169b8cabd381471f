/** One visit of a state: its attempt count, task token and context object, and how its errors name it. */
import { randomUUID } from 'node:crypto';
import type { CompiledState, Route } from '../definition/compiled-types.js';
import type { JsonataEnv, StatesBinding } from '../jsonata/jsonata-evaluator.js';
import type { ContextObject } from '../types.js';
import type { Frame } from './frame.js';
import type { MapItem, PathScope } from './json-path-io.js';
import type { VariableScope } from './variable-scope.js';

export class StateVisit<S extends CompiledState = CompiledState> implements PathScope {
  retryCount = 0;
  /** The task token of a `.waitForTaskToken` attempt (`$$.Task.Token`). */
  taskToken: string | undefined;
  /** How this visit leaves: the state's own route, or the Choice rule that matched. */
  route: Route;
  /** Cached context object (reset when RetryCount or the token changes). */
  private ctx: ContextObject | undefined = undefined;
  private whereText: string | undefined = undefined;

  constructor(
    readonly state: S,
    readonly frame: Frame,
    readonly enteredId: number,
    readonly enteredMs: number,
  ) {
    this.route = state.route;
    this.taskToken = isCallback(state) ? newTaskToken() : undefined;
  }

  get name(): string {
    return this.state.name;
  }

  get vars(): VariableScope {
    return this.frame.vars;
  }

  /** The cause prefix AWS uses; built only when an error needs it. */
  get where(): string {
    this.whereText ??= `An error occurred while executing the state '${this.state.name}' (entered at the event id #${this.enteredId}).`;
    return this.whereText;
  }

  /** Starts a retry: RetryCount goes up and a callback task gets a fresh token. */
  nextAttempt(): void {
    this.retryCount++;
    if (isCallback(this.state)) this.taskToken = newTaskToken();
    this.ctx = undefined;
  }

  contextObject(map?: MapItem): ContextObject {
    if (!map && this.ctx) return this.ctx;
    const rt = this.frame.rt;
    const ms = this.enteredMs;
    // EnteredTime is formatted on first read: most context objects are never inspected
    let enteredTime: string | undefined;
    const state: ContextObject['State'] = {
      get EnteredTime() {
        enteredTime ??= new Date(ms).toISOString();
        return enteredTime;
      },
      Name: this.state.name,
    };
    if (this.state.type === 'Task') state.RetryCount = this.retryCount;
    const ctx: ContextObject = { Execution: rt.execution, State: state, StateMachine: rt.stateMachine };
    if (this.taskToken !== undefined) ctx.Task = { Token: this.taskToken };
    if (map) ctx.Map = { Item: map };
    else this.ctx = ctx;
    return ctx;
  }

  /** What a JSONPath ItemSelector sees: this visit with `$$.Map.Item` set. */
  itemScope(item: MapItem): PathScope {
    const visit = this;
    return {
      vars: this.frame.vars,
      get where() {
        return visit.where;
      },
      contextObject: () => this.contextObject(item),
    };
  }

  /** What a JSONata expression of this visit sees (`map`: an ItemSelector's `$states.context.Map`). */
  jsonataEnv(states: Omit<StatesBinding, 'context'>, map?: MapItem): JsonataEnv {
    const visit = this;
    const binding: StatesBinding = {
      input: states.input,
      get context() {
        return visit.contextObject(map);
      },
    };
    if ('result' in states) binding.result = states.result;
    if ('errorOutput' in states) binding.errorOutput = states.errorOutput;
    return { states: binding, vars: this.frame.vars, where: this.where, clock: this.frame.rt.clock };
  }
}

function isCallback(state: CompiledState): boolean {
  return state.type === 'Task' && state.callback;
}

function newTaskToken(): string {
  return `${randomUUID()}${randomUUID()}`.replaceAll('-', '');
}
