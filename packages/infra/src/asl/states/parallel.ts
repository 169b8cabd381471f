import { renderIo } from '../private/io.js';
import { dropUndefined } from '../private/render-value.js';
import { RetryableState } from '../private/retryable-state.js';
import { toScope } from '../private/scope.js';
import type {
  Chainable,
  ErrorHandlingOptions,
  IoOptions,
  RenderContext,
  Scope,
  StateOptions,
} from '../state.js';

export interface ParallelOptions extends StateOptions, ErrorHandlingOptions, IoOptions {
  /** The branches, run concurrently on the same input; the result is the array of their outputs. */
  readonly branches: readonly (Chainable | Scope)[];
}

/** A Parallel state. */
export class ParallelState extends RetryableState {
  readonly type = 'Parallel' as const;
  readonly branches: readonly Scope[];

  constructor(
    name: string,
    readonly options: ParallelOptions,
  ) {
    super(name, options);
    this.branches = options.branches.map(toScope);
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

/** A Parallel state. */
export function parallel(name: string, options: ParallelOptions): ParallelState {
  return new ParallelState(name, options);
}
