import type { PathRef } from '../json-path.js';
import { renderIo } from '../private/io.js';
import { dropUndefined, renderPath, renderTemplate } from '../private/render-value.js';
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

/** Every field of a Map state (besides Retry and Catch). */
export interface MapFields extends Omit<IoOptions, 'arguments'> {
  /** The states run for each item. */
  readonly itemProcessor: Chainable | Scope;
  /** `INLINE` (default): iterations run inside this execution. `DISTRIBUTED`: child executions. */
  readonly mode?: 'INLINE' | 'DISTRIBUTED';
  /** DISTRIBUTED only: the child executions' type. */
  readonly executionType?: 'STANDARD' | 'EXPRESS';
  /** JSONPath: the array to iterate. */
  readonly itemsPath?: string | PathRef;
  /** JSONata: the array to iterate (an array or a `{% %}` expression). */
  readonly items?: unknown;
  /** Each iteration's input (JSONPath template or JSONata template). */
  readonly itemSelector?: Readonly<Record<string, unknown>>;
  /** Maximum concurrent iterations (0 = as many as possible). */
  readonly maxConcurrency?: number;
  /** DISTRIBUTED only: the Map Run label. */
  readonly label?: string;
}

/** A Map state's options in language L. */
export type MapOptions<L extends QueryLanguage = 'JSONPath'> = StateOptions<L> &
  ErrorHandlingOptions<L> &
  InLanguage<MapFields, L>;

/** A Map state: runs the item processor for each item of an array. */
export class MapState<L extends QueryLanguage = QueryLanguage> extends RetryableState<L> {
  readonly type = 'Map' as const;
  readonly itemProcessor: Scope;
  declare readonly options: StateOptions<L> & MapFields;

  constructor(name: string, options: MapOptions<L>) {
    super(name, options as StateOptions<L>);
    this.itemProcessor = toScope(this.options.itemProcessor);
  }

  override scopes(): readonly Scope[] {
    return [this.itemProcessor];
  }

  override renderBody(render: RenderContext): Record<string, unknown> {
    const {
      itemProcessor: _p,
      mode,
      executionType,
      itemsPath,
      items,
      itemSelector,
      maxConcurrency,
      label,
      ...io
    } = this.options;
    const processor = render.renderScope(this.itemProcessor);
    return dropUndefined({
      ItemProcessor: {
        ProcessorConfig: dropUndefined({ Mode: mode ?? 'INLINE', ExecutionType: executionType }),
        ...processor,
      },
      ItemsPath: renderPath(itemsPath),
      Items: items === undefined ? undefined : renderTemplate(items),
      ItemSelector: itemSelector === undefined ? undefined : renderTemplate(itemSelector),
      MaxConcurrency: maxConcurrency,
      Label: label,
      ...renderIo(io),
      ...this.renderErrorHandling(render),
    });
  }
}

/** A Map state (INLINE unless `mode: 'DISTRIBUTED'`; JSONPath unless `queryLanguage` says otherwise). */
export function map<L extends QueryLanguage = 'JSONPath'>(name: string, options: MapOptions<L>): MapState<L> {
  return new MapState<L>(name, options);
}
