import type { PathRef } from '../json-path.js';
import { renderIo } from '../private/io.js';
import { dropUndefined, renderPath } from '../private/render-value.js';
import {
  type InLanguage,
  type IoOptions,
  NextableState,
  type QueryLanguage,
  type RenderContext,
  type StateOptions,
  type Transition,
} from '../state.js';

/**
 * How long to wait: exactly one of these. JSONata states give `seconds` or `timestamp`, each a value or a
 * `{% %}` expression; JSONPath states a number of seconds, a timestamp, or a path to either.
 */
export type WaitDuration<L extends QueryLanguage = 'JSONPath'> = L extends 'JSONata'
  ? { readonly seconds: number | string } | { readonly timestamp: string }
  :
      | { readonly seconds: number }
      | { readonly timestamp: string }
      | { readonly secondsPath: string | PathRef }
      | { readonly timestampPath: string | PathRef };

/** A Wait state's options in language L. */
export type WaitOptions<L extends QueryLanguage = 'JSONPath'> = StateOptions<L> &
  InLanguage<Pick<IoOptions, 'inputPath' | 'outputPath' | 'output' | 'assign'>, L> &
  WaitDuration<L>;

/** Every field of a Wait state (one duration field is given). */
type WaitFields = Pick<IoOptions, 'inputPath' | 'outputPath' | 'output' | 'assign'> & {
  readonly seconds?: number | string;
  readonly timestamp?: string;
  readonly secondsPath?: string | PathRef;
  readonly timestampPath?: string | PathRef;
};

/** A Wait state: pauses for a duration or until a timestamp. */
export class WaitState<L extends QueryLanguage = QueryLanguage> extends NextableState<L> {
  readonly type = 'Wait' as const;
  declare readonly options: StateOptions<L> & WaitFields;

  constructor(name: string, options: WaitOptions<L>) {
    super(name, options);
  }

  override transitions(): Transition[] {
    return this.nextTransition();
  }

  override renderBody(_render: RenderContext): Record<string, unknown> {
    const {
      seconds,
      timestamp,
      secondsPath,
      timestampPath,
      comment: _c,
      queryLanguage: _q,
      ...io
    } = this.options;
    return dropUndefined({
      Seconds: seconds,
      Timestamp: timestamp,
      SecondsPath: renderPath(secondsPath),
      TimestampPath: renderPath(timestampPath),
      ...renderIo(io),
    });
  }
}

/** A Wait state (JSONPath unless `queryLanguage` says otherwise). */
export function wait<L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: WaitOptions<L>,
): WaitState<L> {
  return new WaitState<L>(name, options);
}
