import { type CatchFields, type CatchOptions, type RetryOptions, renderRetry } from '../retry.js';
import {
  type CatchRule,
  type Chainable,
  type ErrorHandlingOptions,
  NextableState,
  type QueryLanguage,
  type RenderContext,
  type StateOptions,
  type Target,
  type Transition,
} from '../state.js';
import { dropUndefined, renderPath, renderTemplate } from './render-value.js';

interface Catcher {
  readonly target: Target;
  readonly options: CatchFields;
}

/** A state with Retry and Catch (Task, Parallel, Map). */
export abstract class RetryableState<L extends QueryLanguage = QueryLanguage> extends NextableState<L> {
  readonly #retries: RetryOptions[] = [];
  readonly #catchers: Catcher[] = [];

  protected constructor(name: string, options: StateOptions<L> & ErrorHandlingOptions<L>) {
    super(name, options);
    for (const r of options.retry ?? []) this.addRetry(r);
    for (const c of options.catch ?? []) this.addCatch(c.next, c);
  }

  get retriers(): readonly RetryOptions[] {
    return this.#retries;
  }

  get catchers(): readonly Catcher[] {
    return this.#catchers;
  }

  /** Adds a retrier (evaluated in the order added). */
  addRetry(options: RetryOptions): this {
    this.#retries.push(options);
    return this;
  }

  /** Sends matching errors (default `States.ALL`) to `handler`. */
  addCatch(
    handler: Chainable | string,
    options: CatchOptions<L> | CatchRule<L> = {} as CatchOptions<L>,
  ): this {
    const { next: _ignored, ...rest } = options as unknown as CatchFields & { next?: unknown };
    this.#catchers.push({
      target: typeof handler === 'string' ? handler : handler.startState,
      options: rest,
    });
    return this;
  }

  /** `Next` (if any), then each catcher's target. */
  override transitions(): Transition[] {
    return [
      ...this.nextTransition(),
      ...this.#catchers.map((c) => ({ target: c.target, kind: 'Catch' as const })),
    ];
  }

  protected renderErrorHandling(render: RenderContext): Record<string, unknown> {
    return dropUndefined({
      Retry: this.#retries.length === 0 ? undefined : this.#retries.map(renderRetry),
      Catch:
        this.#catchers.length === 0
          ? undefined
          : this.#catchers.map((c) =>
              dropUndefined({
                ErrorEquals: [...(c.options.errors ?? ['States.ALL'])],
                Comment: c.options.comment,
                ResultPath: renderPath(c.options.resultPath),
                Output: c.options.output === undefined ? undefined : renderTemplate(c.options.output),
                Assign: c.options.assign === undefined ? undefined : renderTemplate(c.options.assign),
                Next: render.targetName(c.target),
              }),
            ),
    });
  }
}
