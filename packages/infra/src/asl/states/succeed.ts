import { renderIo } from '../private/io.js';
import { type IoOptions, type RenderContext, State, type StateOptions, type Transition } from '../state.js';

export interface SucceedOptions
  extends StateOptions,
    Pick<IoOptions, 'inputPath' | 'outputPath' | 'output'> {}

/** A Succeed state: ends its scope successfully. Nothing can follow it. */
export class SucceedState extends State {
  readonly type = 'Succeed' as const;

  constructor(
    name: string,
    readonly options: SucceedOptions,
  ) {
    super(name, options);
  }

  override transitions(): Transition[] {
    return [];
  }

  override isTerminal(): boolean {
    return true;
  }

  override renderBody(_render: RenderContext): Record<string, unknown> {
    return renderIo(this.options);
  }
}

/** A Succeed state. */
export function succeed(name: string, options: SucceedOptions = {}): SucceedState {
  return new SucceedState(name, options);
}
