import type { PathRef } from '../json-path.js';
import { renderIo } from '../private/io.js';
import { dropUndefined, renderPath, renderTemplate } from '../private/render-value.js';
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

export interface MapOptions extends StateOptions, ErrorHandlingOptions, Omit<IoOptions, 'arguments'> {
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

/** A Map state: runs the item processor for each item of an array. */
export class MapState extends RetryableState {
  readonly type = 'Map' as const;
  readonly itemProcessor: Scope;

  constructor(
    name: string,
    readonly options: MapOptions,
  ) {
    super(name, options);
    this.itemProcessor = toScope(options.itemProcessor);
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

/** A Map state (INLINE unless `mode: 'DISTRIBUTED'`). */
export function map(name: string, options: MapOptions): MapState {
  return new MapState(name, options);
}
