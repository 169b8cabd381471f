import type { TestProject } from 'vitest/node';
import type { E2eTarget } from '../src/index.js';
import { startTarget } from '../src/index.js';
import { MUTATIONS } from './break-it/mutations.js';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTarget: E2eTarget;
  }
}

/** Start the target once for the whole run (local stack by default) and hand it to every test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  // E2E_MUTATION=<name> runs the local stack with one behaviour broken on purpose (see scripts/break-it.ts).
  const mutationName = process.env.E2E_MUTATION;
  const mutation = mutationName ? MUTATIONS[mutationName] : undefined;
  if (mutationName && mutation === undefined) {
    throw new Error(`unknown E2E_MUTATION ${mutationName}; known: ${Object.keys(MUTATIONS).join(', ')}`);
  }
  if (mutation !== undefined && (process.env.E2E_STACK || process.env.E2E_OUTPUTS)) {
    throw new Error(
      'E2E_MUTATION works only on a local stack the suite starts itself (unset E2E_STACK/E2E_OUTPUTS)',
    );
  }
  const { target, stop } = await startTarget(
    process.env,
    mutation === undefined ? {} : { prepareModel: mutation.apply },
  );
  console.log(
    `[e2e] target ${target.kind} (${target.stackName}), run ${target.runId}, ready in ${Date.now() - started} ms` +
      (mutation === undefined ? '' : `, BROKEN ON PURPOSE: ${mutation.breaks}`),
  );
  project.provide('e2eTarget', target);
  return stop;
}
