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
    const o = this.options as Partial<
      Record<'seconds' | 'timestamp' | 'secondsPath' | 'timestampPath', unknown>
    > &
      WaitOptions;
    return dropUndefined({
      Seconds: o.seconds,
      Timestamp: o.timestamp,
      SecondsPath: renderPath(o.secondsPath as string | PathRef | undefined),
      TimestampPath: renderPath(o.timestampPath as string | PathRef | undefined),
      ...renderIo({
        ...(o.inputPath !== undefined && { inputPath: o.inputPath }),
        ...(o.outputPath !== undefined && { outputPath: o.outputPath }),
        ...(o.output !== undefined && { output: o.output }),
        ...(o.assign !== undefined && { assign: o.assign }),
      }),
    });
  }
}

/** A Wait state. */
export function wait(name: string, options: WaitOptions): WaitState {
  return new WaitState(name, options);
}
