import { renderIo } from '../private/io.js';
import { dropUndefined, renderTemplate } from '../private/render-value.js';
import {
  type InLanguage,
  type IoOptions,
  NextableState,
  type QueryLanguage,
  type RenderContext,
  type StateOptions,
  type Transition,
} from '../state.js';

/** Every field of a Pass state. */
export interface PassFields
  extends Pick<IoOptions, 'inputPath' | 'outputPath' | 'parameters' | 'resultPath' | 'output' | 'assign'> {
  /** JSONPath: a fixed result (placed at `resultPath`). */
  readonly result?: unknown;
}

/** A Pass state's options in language L. */
export type PassOptions<L extends QueryLanguage = 'JSONPath'> = StateOptions<L> & InLanguage<PassFields, L>;

/** A Pass state: reshapes its input (or injects a fixed result) without doing work. */
export class PassState<L extends QueryLanguage = QueryLanguage> extends NextableState<L> {
  readonly type = 'Pass' as const;
  declare readonly options: StateOptions<L> & PassFields;

  constructor(name: string, options: PassOptions<L>) {
    super(name, options as StateOptions<L>);
  }

  override transitions(): Transition[] {
    return this.nextTransition();
  }

  override renderBody(_render: RenderContext): Record<string, unknown> {
    const { result, comment: _c, queryLanguage: _q, ...io } = this.options;
    return dropUndefined({
      Result: result === undefined ? undefined : renderTemplate(result),
      ...renderIo(io),
    });
  }
}

/** A Pass state (JSONPath unless `queryLanguage` says otherwise; `JSONata.pass` for JSONata). */
export function pass<L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: PassOptions<L> = {} as PassOptions<L>,
): PassState<L> {
  return new PassState<L>(name, options);
}
