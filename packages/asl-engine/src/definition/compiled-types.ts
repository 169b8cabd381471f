/**
 * A definition compiled at load: one type per state, every path parsed and every JSONata expression
 * compiled, so a state visit only evaluates. Built by compile-definition.ts; the runtime reads nothing else.
 */
import type { JsonataTemplate } from '../jsonata/jsonata-evaluator.js';
import type { CompiledRule } from '../runtime/choice-rules.js';
import type { PathReference, PathSelector, PathTemplate, ResultPathSetter } from '../runtime/json-path-io.js';
import type { QueryLanguage, Retrier } from './definition-types.js';

/** A (sub-)state machine: the top level, a Parallel branch or a Map ItemProcessor. */
export interface CompiledMachine {
  readonly startAt: string;
  readonly states: ReadonlyMap<string, CompiledState>;
  readonly queryLanguage: QueryLanguage;
  readonly timeoutSeconds: number | undefined;
}

export type CompiledState =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState
  | UnknownState;

export type StateType = CompiledState['type'];

/** What every state has: its input stage, its normal exit, and its Retry/Catch (empty where not allowed). */
interface StateBase<T extends string> {
  readonly type: T;
  readonly name: string;
  /** The effective query language is JSONata. */
  readonly jsonata: boolean;
  /** JSONPath Pass, Choice and Succeed never wait: the runner takes them without async overhead. */
  readonly sync: boolean;
  readonly enteredEvent: string;
  readonly exitedEvent: string;
  readonly input: InputStage;
  /** Where the state goes on success and how it makes its output (a Choice picks one of its own). */
  readonly route: Route;
  readonly retriers: readonly Retrier[];
  readonly catchers: readonly CompiledCatcher[];
}

/** The first half of the I/O pipeline: InputPath then Parameters, or JSONata Arguments. */
export type InputStage =
  | {
      readonly kind: 'JSONPath';
      readonly inputPath: PathSelector;
      readonly parameters: PathTemplate | undefined;
    }
  | { readonly kind: 'JSONata'; readonly arguments: JsonataTemplate | undefined };

/** The second half: ResultSelector, Assign, ResultPath, OutputPath; or JSONata Assign and Output. */
export type OutputStage =
  | {
      readonly kind: 'JSONPath';
      readonly resultSelector: PathTemplate | undefined;
      readonly assign: PathTemplate | undefined;
      readonly resultPath: ResultPathSetter;
      readonly outputPath: PathSelector;
    }
  | {
      readonly kind: 'JSONata';
      readonly assign: JsonataTemplate | undefined;
      readonly output: JsonataTemplate | undefined;
      /** The `$states` name the work's result goes by (`result`, `errorOutput`, or none: Pass, Wait, ...). */
      readonly binding: 'result' | 'errorOutput' | undefined;
    };

/** A way out of a state: the next state (undefined: the machine ends) and how the output is made. */
export interface Route {
  readonly next: string | undefined;
  readonly output: OutputStage;
}

export interface CompiledCatcher {
  readonly errorEquals: readonly string[];
  readonly route: Route;
}

/** A payload whose language is fixed by its field (ItemReader's MaxItemsPath is JSONPath in any state). */
export type Payload =
  | { readonly lang: 'JSONPath'; readonly template: PathTemplate }
  | { readonly lang: 'JSONata'; readonly template: JsonataTemplate };

/** An integer field given as a literal, a `…Path` or a JSONata template (TimeoutSeconds, MaxConcurrency, ...). */
export interface IntField {
  readonly field: string;
  readonly allowFloat: boolean;
  readonly value:
    | { readonly kind: 'literal'; readonly value: number }
    | { readonly kind: 'jsonata'; readonly template: JsonataTemplate; readonly text: string }
    | { readonly kind: 'path'; readonly ref: PathReference };
}

export interface PassState extends StateBase<'Pass'> {
  /** JSONPath `Result` (undefined when absent). */
  readonly result: unknown;
}

export interface TaskState extends StateBase<'Task'> {
  readonly resource: string;
  /** A `….waitForTaskToken` resource: the task waits for SendTaskSuccess/Failure. */
  readonly callback: boolean;
  readonly timeoutSeconds: IntField | undefined;
  readonly heartbeatSeconds: IntField | undefined;
}

export interface ChoiceState extends StateBase<'Choice'> {
  /** JSONPath: the rules in order. */
  readonly rules: readonly { readonly rule: CompiledRule; readonly route: Route }[];
  /** JSONata: the Conditions in order (`text` for error causes). */
  readonly conditions: readonly {
    readonly condition: JsonataTemplate;
    readonly text: string;
    readonly route: Route;
  }[];
  readonly defaultRoute: Route | undefined;
}

export interface WaitState extends StateBase<'Wait'> {
  readonly until: WaitUntil;
}

/** How a Wait state computes its deadline. */
export type WaitUntil =
  | { readonly kind: 'seconds'; readonly seconds: number }
  /** A literal Timestamp, parsed at load (undefined: not a valid timestamp, so no wait). */
  | { readonly kind: 'timestamp'; readonly ms: number | undefined }
  | { readonly kind: 'secondsPath'; readonly path: PathTemplate; readonly source: string }
  | { readonly kind: 'timestampPath'; readonly path: PathTemplate; readonly source: string }
  | { readonly kind: 'jsonataSeconds'; readonly seconds: JsonataTemplate; readonly text: string }
  | { readonly kind: 'jsonataTimestamp'; readonly timestamp: JsonataTemplate };

export interface SucceedState extends StateBase<'Succeed'> {}

export interface FailState extends StateBase<'Fail'> {
  /** Error and Cause: literals, ErrorPath/CausePath (paths or intrinsics), or JSONata templates. */
  readonly error: Payload;
  readonly cause: Payload;
}

export interface ParallelState extends StateBase<'Parallel'> {
  readonly branches: readonly CompiledMachine[];
}

export interface MapState extends StateBase<'Map'> {
  readonly processor: CompiledMachine | undefined;
  readonly distributed: boolean;
  /** The MapRun name (Label, or the state name). */
  readonly label: string;
  readonly items: ItemsSource;
  /** ItemSelector (or the legacy Parameters), per item. */
  readonly itemSelector: Payload | undefined;
  readonly batcher: ItemBatcherSpec | undefined;
  readonly writer: ItemIo | undefined;
  readonly maxConcurrency: IntField | undefined;
  /** DISTRIBUTED only. */
  readonly toleratedFailureCount: IntField | undefined;
  readonly toleratedFailurePercentage: IntField | undefined;
}

/** Where a Map state's items come from. */
export type ItemsSource =
  | { readonly kind: 'reader'; readonly reader: ItemIo; readonly maxItems: Payload | undefined }
  /** JSONata `Items` (undefined: the state input); `text` for error causes. */
  | { readonly kind: 'jsonata'; readonly items: JsonataTemplate | undefined; readonly text: string }
  /** JSONPath `ItemsPath` on the effective input (undefined: the effective input itself). */
  | { readonly kind: 'path'; readonly itemsPath: PathTemplate | undefined };

/** An ItemReader or ResultWriter: a dispatcher resource and its Parameters/Arguments. */
export interface ItemIo {
  readonly resource: string;
  readonly parameters: Payload | undefined;
}

export interface ItemBatcherSpec {
  readonly maxItems: Payload | undefined;
  readonly maxBytes: Payload | undefined;
  readonly batchInput: Payload | undefined;
}

/** A state whose Type is not one of the eight (loaded without validation): visiting it fails. */
export interface UnknownState extends StateBase<'Unknown'> {
  readonly declaredType: unknown;
}
