import type { TestProject } from 'vitest/node';
import type { E2eTarget } from '../src/index.js';
import { startTarget } from '../src/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTarget: E2eTarget;
  }
}

/** Start the target once for the whole run (local stack by default) and hand it to every test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const { target, stop } = await startTarget();
  console.log(
    `[e2e] target ${target.kind} (${target.stackName}), run ${target.runId}, ready in ${Date.now() - started} ms`,
  );
  project.provide('e2eTarget', target);
  return stop;
}
