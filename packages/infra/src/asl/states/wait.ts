import type { PathRef } from '../json-path.js';
import { renderIo } from '../private/io.js';
import { dropUndefined, renderPath } from '../private/render-value.js';
import {
  type IoOptions,
  NextableState,
  type RenderContext,
  type StateOptions,
  type Transition,
} from '../state.js';

/** How long to wait: exactly one of these (JSONata states may give `seconds`/`timestamp` as `{% %}`). */
export type WaitDuration =
  | { readonly seconds: number | string }
  | { readonly timestamp: string }
  | { readonly secondsPath: string | PathRef }
  | { readonly timestampPath: string | PathRef };

export type WaitOptions = StateOptions &
  Pick<IoOptions, 'inputPath' | 'outputPath' | 'output' | 'assign'> &
  WaitDuration;

/** A Wait state: pauses for a duration or until a timestamp. */
export class WaitState extends NextableState {
  readonly type = 'Wait' as const;

  constructor(
    name: string,
    readonly options: WaitOptions,
  ) {
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
    } = this.options as WaitOptions & {
      seconds?: number | string;
      timestamp?: string;
      secondsPath?: string | PathRef;
      timestampPath?: string | PathRef;
    };
    return dropUndefined({
      Seconds: seconds,
      Timestamp: timestamp,
      SecondsPath: renderPath(secondsPath),
      TimestampPath: renderPath(timestampPath),
      ...renderIo(io),
    });
  }
}

/** A Wait state. */
export function wait(name: string, options: WaitOptions): WaitState {
  return new WaitState(name, options);
}
