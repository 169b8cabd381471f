import type { PathRef } from '../json-path.js';
import { dropUndefined, renderPath } from '../private/render-value.js';
import {
  type InLanguage,
  type QueryLanguage,
  type RenderContext,
  type StateOptions,
  TerminalState,
} from '../state.js';

/** Every field of a Fail state. */
export interface FailFields {
  /** The error name (JSONata states may give a `{% %}` expression). */
  readonly error?: string;
  /** A human-readable cause (JSONata states may give a `{% %}` expression). */
  readonly cause?: string;
  /** JSONPath: where to read the error name (a path or an intrinsic such as `States.Format`). */
  readonly errorPath?: string | PathRef;
  /** JSONPath: where to read the cause. */
  readonly causePath?: string | PathRef;
}

/** A Fail state's options in language L. */
export type FailOptions<L extends QueryLanguage = 'JSONPath'> = StateOptions<L> & InLanguage<FailFields, L>;

/** A Fail state: ends the execution as FAILED with an Error and Cause. Nothing can follow it. */
export class FailState<L extends QueryLanguage = QueryLanguage> extends TerminalState<L> {
  readonly type = 'Fail' as const;
  declare readonly options: StateOptions<L> & FailFields;

  constructor(name: string, options: FailOptions<L>) {
    super(name, options as StateOptions<L>);
  }

  override renderBody(_render: RenderContext): Record<string, unknown> {
    const o = this.options;
    return dropUndefined({
      Error: o.error,
      ErrorPath: renderPath(o.errorPath),
      Cause: o.cause,
      CausePath: renderPath(o.causePath),
    });
  }
}

/** A Fail state (JSONPath unless `queryLanguage` says otherwise). */
export function fail<L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: FailOptions<L> = {} as FailOptions<L>,
): FailState<L> {
  return new FailState<L>(name, options);
}
