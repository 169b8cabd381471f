import { renderIo } from '../private/io.js';
import { type IoOptions, type RenderContext, type StateOptions, TerminalState } from '../state.js';

export interface SucceedOptions
  extends StateOptions,
    Pick<IoOptions, 'inputPath' | 'outputPath' | 'output'> {}

/** A Succeed state: ends its scope successfully. Nothing can follow it. */
export class SucceedState extends TerminalState {
  readonly type = 'Succeed' as const;

  constructor(
    name: string,
    readonly options: SucceedOptions,
  ) {
    super(name, options);
  }

  override renderBody(_render: RenderContext): Record<string, unknown> {
    return renderIo(this.options);
  }
}

/** A Succeed state. */
export function succeed(name: string, options: SucceedOptions = {}): SucceedState {
  return new SucceedState(name, options);
}
