import type { JSONATA_ONLY_FIELDS, JSONPATH_ONLY_FIELDS } from '@orders/asl-engine';
import type { PathRef } from './json-path.js';
import type { CatchOptions, RetryOptions } from './retry.js';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** The option names only a JSONPath state may use: the engine's field list, in the builder's camelCase. */
export type JsonPathOnlyOption = Uncapitalize<(typeof JSONPATH_ONLY_FIELDS)[number]>;
/** The option names only a JSONata state may use. */
export type JsonataOnlyOption = Uncapitalize<(typeof JSONATA_ONLY_FIELDS)[number]>;
/** The option names a state in language L must not use. */
export type WrongLanguageOption<L extends QueryLanguage> = L extends 'JSONata'
  ? JsonPathOnlyOption
  : JsonataOnlyOption;

/**
 * Options O as a state in language L takes them: every field of the other language is typed `never`, so
 * `pass('P', { queryLanguage: 'JSONata', resultPath: '$.x' })` does not compile.
 */
export type InLanguage<O, L extends QueryLanguage> = Omit<O, WrongLanguageOption<L>> & {
  readonly [K in Extract<keyof O, WrongLanguageOption<L>>]?: never;
};
export type StateType = 'Task' | 'Pass' | 'Choice' | 'Map' | 'Parallel' | 'Wait' | 'Succeed' | 'Fail';

/** An IAM statement a task needs; `R` is whatever the resource refs are (strings, Pulumi Outputs, …). */
export interface IamStatement<R = string> {
  readonly actions: readonly string[];
  readonly resources: readonly R[];
}

/** A transition target: a state object, or a state's name (for loops and states listed separately). */
export type Target = State | string;

/** One outgoing edge of a state, for graph walks (validation, rendering, diagrams). */
export interface Transition {
  readonly target: Target;
  readonly kind: 'Next' | 'Choice' | 'Default' | 'Catch';
}

/** A sub-graph: a Parallel branch, a Map's item processor or the state machine itself. */
export interface Scope {
  readonly startAt: Chainable;
  /** States reachable only by name (or not at all, which validation reports). */
  readonly states?: readonly State[];
}

/** Options every state accepts. */
export interface StateOptions<L extends QueryLanguage = QueryLanguage> {
  readonly comment?: string;
  /**
   * The state's query language (default JSONPath, as in ASL), which decides the fields it takes; rendered as
   * the state's `QueryLanguage` where it differs from the state machine's. `JSONata.pass(…)` and the other
   * `JSONata.*` factories set it.
   */
  readonly queryLanguage?: L;
}

/** Every input/output field; each factory takes its state type's subset, in its language (`InLanguage`). */
export interface IoOptions {
  /** JSONPath: selects the state's input. */
  readonly inputPath?: string | PathRef | null;
  /** JSONPath: selects the state's output. */
  readonly outputPath?: string | PathRef | null;
  /** JSONPath: where the result goes in the input (`null` discards it). */
  readonly resultPath?: string | PathRef | null;
  /** JSONPath: payload template for the task/branch input (`PathRef` values become `.$` fields). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** JSONPath: payload template applied to the raw result. */
  readonly resultSelector?: Readonly<Record<string, unknown>>;
  /** JSONata: the task/branch input (a `{% %}` expression or a template with expressions). */
  readonly arguments?: unknown;
  /** JSONata: the state's output. */
  readonly output?: unknown;
  /** Variables to set after the state (JSONPath or JSONata). */
  readonly assign?: Readonly<Record<string, unknown>>;
}

/** A catch rule in options form: `{ next: handler, errors: ['PaymentError'] }`. */
export type CatchRule<L extends QueryLanguage = 'JSONPath'> = CatchOptions<L> & {
  readonly next: Chainable | string;
};

/** Anything that can be put in a chain: a single state or a chain of states. */
export interface Chainable {
  readonly startState: State;
  /** The states whose `Next` the following link fills in (empty when the chain cannot continue). */
  readonly endStates: readonly NextableState[];
}

/** A chainable whose end can continue (so another state may follow it). */
export interface OpenChainable extends Chainable {
  readonly open: true;
}

/** Base of every state: a name, an optional comment and its query language. */
export abstract class State<L extends QueryLanguage = QueryLanguage> implements Chainable {
  abstract readonly type: StateType;
  readonly comment: string | undefined;
  readonly queryLanguage: L;
  /**
   * The options the state was built with: every field it may read (each subclass `declare`s its own). The
   * factories' per-language options types are the caller's guard; the state reads them all.
   */
  readonly options: StateOptions<L>;

  protected constructor(
    readonly name: string,
    options: StateOptions<L>,
  ) {
    this.options = options;
    this.comment = options.comment;
    this.queryLanguage = options.queryLanguage ?? ('JSONPath' as L);
  }

  get startState(): State {
    return this;
  }

  get endStates(): readonly NextableState[] {
    return [];
  }

  /** Outgoing transitions, in rendering order. */
  abstract transitions(): Transition[];

  /** The state's type-specific fields (the renderer adds Type, Comment, QueryLanguage, Next/End). */
  abstract renderBody(render: RenderContext): Record<string, unknown>;

  /** Sub-graphs (Parallel branches, Map item processor). */
  scopes(): readonly Scope[] {
    return [];
  }

  /** True when the state ends its scope (Succeed, Fail, or `End: true`). */
  abstract isTerminal(): boolean;
}

/** A state that ends its scope and has no transitions (Succeed, Fail): nothing can follow it. */
export abstract class TerminalState<L extends QueryLanguage = QueryLanguage> extends State<L> {
  override transitions(): Transition[] {
    return [];
  }

  override isTerminal(): boolean {
    return true;
  }
}

/** What a state needs from the renderer: target names and sub-graph rendering. */
export interface RenderContext {
  targetName(target: Target): string;
  renderScope(scope: Scope): Record<string, unknown>;
}

/** A state that transitions with `Next` (or ends with `End: true` when nothing follows it). */
export abstract class NextableState<L extends QueryLanguage = QueryLanguage>
  extends State<L>
  implements OpenChainable
{
  readonly open = true as const;
  #next: Target | undefined;

  override get endStates(): readonly NextableState[] {
    return this.#next === undefined ? [this] : [];
  }

  /** The state that follows, if any. */
  get nextTarget(): Target | undefined {
    return this.#next;
  }

  /** Sets the following state and returns the chain `this → next`. */
  next<C extends Chainable>(next: C): ChainOf<C>;
  next(next: string): Chain<false>;
  next(next: Chainable | string): Chain<boolean> {
    if (this.#next !== undefined) {
      throw new Error(`State '${this.name}' already has a next state (${nameOf(this.#next)})`);
    }
    if (typeof next === 'string') {
      this.#next = next;
      return new Chain(this, []);
    }
    this.#next = next.startState;
    return new Chain(this, next.endStates);
  }

  override isTerminal(): boolean {
    return this.#next === undefined;
  }

  protected nextTransition(): Transition[] {
    return this.#next === undefined ? [] : [{ target: this.#next, kind: 'Next' }];
  }

  /** `Next` or `End: true`. */
  renderNext(render: RenderContext): Record<string, unknown> {
    return this.#next === undefined ? { End: true } : { Next: render.targetName(this.#next) };
  }
}

function nameOf(target: Target): string {
  return typeof target === 'string' ? target : target.name;
}

/** A sequence of states built with `chain()` or `state.next()`. */
export class Chain<Open extends boolean = boolean> implements Chainable {
  constructor(
    readonly startState: State,
    readonly endStates: readonly NextableState[],
  ) {}

  get open(): Open {
    return (this.endStates.length > 0) as Open;
  }

  /** Appends a state or chain after every open end of this chain. */
  next<C extends Chainable>(this: Chain<true>, next: C): ChainOf<C> {
    if (this.endStates.length === 0) {
      throw new Error(`The chain starting at '${this.startState.name}' has no open end to continue from`);
    }
    for (const end of this.endStates) end.next(next.startState);
    return new Chain(this.startState, next.endStates) as ChainOf<C>;
  }
}

type ChainOf<C> = C extends OpenChainable ? Chain<true> : Chain<false>;

/**
 * Links states in sequence: `chain(a, b, c)` sets `a → b → c` and returns the chain. Every part but the last
 * must be able to continue (a Succeed, Fail or Choice state can only come last).
 */
export function chain<const P extends readonly [...OpenChainable[], Chainable]>(
  ...parts: P
): P extends readonly [...unknown[], infer L] ? ChainOf<L> : never {
  const [first, ...rest] = parts as readonly Chainable[];
  if (first === undefined) throw new Error('chain() needs at least one state');
  let ends: readonly NextableState[] = first.endStates;
  for (const part of rest) {
    if (ends.length === 0) {
      throw new Error(`chain(): nothing can follow the chain ending before '${part.startState.name}'`);
    }
    for (const end of ends) end.next(part.startState);
    ends = part.endStates;
  }
  // biome-ignore lint/suspicious/noExplicitAny: the conditional return type is checked at the call site
  return new Chain(first.startState, ends) as any;
}

/** Retry and Catch, shared by Task, Parallel and Map. */
export interface ErrorHandlingOptions<L extends QueryLanguage = 'JSONPath'> {
  readonly retry?: readonly RetryOptions[];
  readonly catch?: readonly CatchRule<L>[];
}
