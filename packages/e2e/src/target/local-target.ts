import type { StackModel } from '@orders/local';
import { parseStackOutputs } from '@orders/shared-types';
import { requireE2eOutputs } from './e2e-outputs.js';
import type { E2eTarget } from './e2e-target.js';
import type { StartedTarget } from './started-target.js';

export interface LocalTargetOptions {
  /**
   * Change the program model before the stack runs it (the break-it check uses this to run the
   * scenarios against a deliberately broken workflow or Lambda without touching anyone's source).
   */
  readonly prepareModel?: (model: StackModel) => StackModel | Promise<StackModel>;
}

/**
 * Start the local stack (@orders/local). Tests run in vitest workers, away from the stack's process, so
 * they reach its fault injection and Lambda logs through the stack's loopback control routes (`controlUrl`).
 */
export async function startLocalTarget(
  runId: string,
  options: LocalTargetOptions = {},
): Promise<StartedTarget> {
  // Imported lazily: a run against AWS must not need the local stack's dependencies.
  const { startLocalStack } = await import('@orders/local');
  let stack = await startLocalStack({ quiet: true });
  if (options.prepareModel !== undefined) {
    // The model comes out of a started stack (the program runs under mocks there); start again on the copy.
    const model = await options.prepareModel(stack.model);
    await stack.stop();
    stack = await startLocalStack({ quiet: true, model });
  }
  const { endpoints, queueUrl, controlUrl, ...stackOutputs } = stack.outputs;
  const outputs = requireE2eOutputs(stackOutputs, 'the local stack (@orders/local)');
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
  const running = stack;
  return { target, stop: () => running.stop() };
}

/** The outputs file does not describe a running local stack (no endpoints, queue or control URL). */
export class NotALocalStackError extends Error {
  override readonly name = 'NotALocalStackError';
}

/**
 * Use a local stack that is already running (`pnpm --filter @orders/local dev` writes `.local/stack.json`):
 * no start-up wait while iterating on tests; the stack is left running afterwards.
 */
export function attachLocalTarget(
  outputs: Record<string, unknown>,
  source: string,
  runId: string,
): StartedTarget {
  const { endpoints, queueUrl, controlUrl } = outputs;
  const endpointMap = endpoints as
    | Partial<Record<keyof NonNullable<E2eTarget['endpoints']>, unknown>>
    | undefined;
  const keys = ['stepfunctions', 'dynamodb', 'sns', 'sqs'] as const;
  if (
    typeof queueUrl !== 'string' ||
    typeof controlUrl !== 'string' ||
    keys.some((key) => typeof endpointMap?.[key] !== 'string')
  ) {
    throw new NotALocalStackError(`${source} lacks endpoints.{${keys.join(',')}}, queueUrl or controlUrl`);
  }
  const stackOutputs = requireE2eOutputs(parseStackOutputs(outputs, source), source);
  const target: E2eTarget = {
    kind: 'local',
    stackName: `local (${source})`,
    runId,
    outputs: stackOutputs,
    region: stackOutputs.region,
    endpoints: endpoints as NonNullable<E2eTarget['endpoints']>,
    queueUrl,
    controlUrl,
  };
  return { target, stop: async () => undefined };
}
