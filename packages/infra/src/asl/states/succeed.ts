import { renderIo } from '../private/io.js';
import {
  type InLanguage,
  type IoOptions,
  type QueryLanguage,
  type RenderContext,
  type StateOptions,
  TerminalState,
} from '../state.js';

/** Every field of a Succeed state. */
export type SucceedFields = Pick<IoOptions, 'inputPath' | 'outputPath' | 'output'>;

/** A Succeed state's options in language L. */
export type SucceedOptions<L extends QueryLanguage = 'JSONPath'> = StateOptions<L> &
  InLanguage<SucceedFields, L>;

/** A Succeed state: ends its scope successfully. Nothing can follow it. */
export class SucceedState<L extends QueryLanguage = QueryLanguage> extends TerminalState<L> {
  readonly type = 'Succeed' as const;
  declare readonly options: StateOptions<L> & SucceedFields;

  constructor(name: string, options: SucceedOptions<L>) {
    super(name, options as StateOptions<L>);
  }

  override renderBody(_render: RenderContext): Record<string, unknown> {
    const { comment: _c, queryLanguage: _q, ...io } = this.options;
    return renderIo(io);
  }
}

/** A Succeed state (JSONPath unless `queryLanguage` says otherwise). */
export function succeed<L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: SucceedOptions<L> = {} as SucceedOptions<L>,
): SucceedState<L> {
  return new SucceedState<L>(name, options);
}
