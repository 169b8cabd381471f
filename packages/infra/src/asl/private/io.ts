import type { IoOptions } from '../state.js';
import { dropUndefined, renderPath, renderTemplate } from './render-value.js';

/**
 * Renders the input/output fields in one fixed order (so the same graph gives the same bytes). The options'
 * types keep each state to its language's fields.
 */
export function renderIo(io: IoOptions): Record<string, unknown> {
  return dropUndefined({
    InputPath: renderPath(io.inputPath),
    Parameters: io.parameters === undefined ? undefined : renderTemplate(io.parameters),
    Arguments: io.arguments === undefined ? undefined : renderTemplate(io.arguments),
    ResultSelector: io.resultSelector === undefined ? undefined : renderTemplate(io.resultSelector),
    ResultPath: renderPath(io.resultPath),
    OutputPath: renderPath(io.outputPath),
    Output: io.output === undefined ? undefined : renderTemplate(io.output),
    Assign: io.assign === undefined ? undefined : renderTemplate(io.assign),
  });
}
