// Harness adapter (shared/conformance/harness/run.mjs --engine): loads the TypeScript engine with tsx.
import { tsImport } from 'tsx/esm/api';

const { runCase } = await tsImport('./engine-adapter.ts', import.meta.url);

export const name = '@orders/asl-engine@0.1.0';

export function run(definition, input, options) {
  return runCase(definition, input, options);
}
