import { renderIo } from '../private/io.js';
import { dropUndefined } from '../private/render-value.js';
import { RetryableState } from '../private/retryable-state.js';
import { toScope } from '../private/scope.js';
import type {
  Chainable,
  ErrorHandlingOptions,
  InLanguage,
  IoOptions,
  QueryLanguage,
  RenderContext,
  Scope,
  StateOptions,
} from '../state.js';

/** Every field of a Parallel state (besides Retry and Catch). */
export interface ParallelFields extends IoOptions {
  /** The branches, run concurrently on the same input; the result is the array of their outputs. */
  readonly branches: readonly (Chainable | Scope)[];
}

/** A Parallel state's options in language L. */
export type ParallelOptions<L extends QueryLanguage = 'JSONPath'> = StateOptions<L> &
  ErrorHandlingOptions<L> &
  InLanguage<ParallelFields, L>;

/** A Parallel state. */
export class ParallelState<L extends QueryLanguage = QueryLanguage> extends RetryableState<L> {
  readonly type = 'Parallel' as const;
  readonly branches: readonly Scope[];
  declare readonly options: StateOptions<L> & ParallelFields;

  constructor(name: string, options: ParallelOptions<L>) {
    super(name, options as StateOptions<L>);
    this.branches = this.options.branches.map(toScope);
  }

  override scopes(): readonly Scope[] {
    return this.branches;
  }

  override renderBody(render: RenderContext): Record<string, unknown> {
    const { branches: _b, ...io } = this.options;
    return dropUndefined({
      Branches: this.branches.map((b) => render.renderScope(b)),
      ...renderIo(io),
      ...this.renderErrorHandling(render),
    });
  }
}

/** A Parallel state (JSONPath unless `queryLanguage` says otherwise). */
export function parallel<L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: ParallelOptions<L>,
): ParallelState<L> {
  return new ParallelState<L>(name, options);
}
