import type { PathRef } from '../json-path.js';
import { dropUndefined, renderPath } from '../private/render-value.js';
import { type RenderContext, type StateOptions, TerminalState } from '../state.js';

export interface FailOptions extends StateOptions {
  /** The error name (JSONata states may give a `{% %}` expression). */
  readonly error?: string;
  /** A human-readable cause (JSONata states may give a `{% %}` expression). */
  readonly cause?: string;
  /** JSONPath: where to read the error name (a path or an intrinsic such as `States.Format`). */
  readonly errorPath?: string | PathRef;
  /** JSONPath: where to read the cause. */
  readonly causePath?: string | PathRef;
}

/** A Fail state: ends the execution as FAILED with an Error and Cause. Nothing can follow it. */
export class FailState extends TerminalState {
  readonly type = 'Fail' as const;

  constructor(
    name: string,
    readonly options: FailOptions,
  ) {
    super(name, options);
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

/** A Fail state. */
export function fail(name: string, options: FailOptions = {}): FailState {
  return new FailState(name, options);
}
