import { renderIo } from '../private/io.js';
import { dropUndefined, renderTemplate } from '../private/render-value.js';
import {
  type IoOptions,
  NextableState,
  type RenderContext,
  type StateOptions,
  type Transition,
} from '../state.js';

export interface PassOptions
  extends StateOptions,
    Pick<IoOptions, 'inputPath' | 'outputPath' | 'parameters' | 'resultPath' | 'output' | 'assign'> {
  /** JSONPath: a fixed result (placed at `resultPath`). */
  readonly result?: unknown;
}

/** A Pass state: reshapes its input (or injects a fixed result) without doing work. */
export class PassState extends NextableState {
  readonly type = 'Pass' as const;

  constructor(
    name: string,
    readonly options: PassOptions,
  ) {
    super(name, options);
  }

  override transitions(): Transition[] {
    return this.nextTransition();
  }

  override renderBody(_render: RenderContext): Record<string, unknown> {
    const { result, ...io } = this.options;
    return dropUndefined({
      Result: result === undefined ? undefined : renderTemplate(result),
      ...renderIo(io),
    });
  }
}

/** A Pass state. */
export function pass(name: string, options: PassOptions = {}): PassState {
  return new PassState(name, options);
}
