import type { E2eTarget } from './e2e-target.js';
import type { StartedTarget } from './started-target.js';

/**
 * Start the local stack (@orders/local). Tests run in vitest workers, away from the stack's process, so
 * they reach its fault injection and Lambda logs through the stack's loopback control routes (`controlUrl`).
 */
export async function startLocalTarget(runId: string): Promise<StartedTarget> {
  // Imported lazily: a run against AWS must not need the local stack's dependencies.
  const { startLocalStack } = await import('@orders/local');
  const stack = await startLocalStack({ quiet: true });
  const { endpoints, queueUrl, controlUrl, ...outputs } = stack.outputs;
  const target: E2eTarget = {
    kind: 'local',
    stackName: 'local',
    runId,
    outputs,
    region: outputs.region,
    endpoints,
    queueUrl,
    controlUrl,
  };
  return { target, stop: () => stack.stop() };
}
