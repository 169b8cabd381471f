import { startControlServer } from './control-server.js';
import type { E2eTarget } from './e2e-target.js';
import type { StartedTarget } from './started-target.js';

/** Start the local stack (@orders/local) plus the control channel tests use for faults and logs. */
export async function startLocalTarget(runId: string): Promise<StartedTarget> {
  // Imported lazily: a run against AWS must not need the local stack's dependencies.
  const { startLocalStack } = await import('@orders/local');
  const stack = await startLocalStack({ quiet: true });
  try {
    const control = await startControlServer(stack);
    const { endpoints, queueUrl, ...outputs } = stack.outputs;
    const target: E2eTarget = {
      kind: 'local',
      stackName: 'local',
      runId,
      outputs,
      region: outputs.region,
      endpoints,
      queueUrl,
      controlUrl: control.url,
    };
    return {
      target,
      async stop() {
        try {
          await control.close();
        } finally {
          await stack.stop();
        }
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
