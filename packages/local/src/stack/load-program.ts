import { type MockedProgram, stackModelFromProgram } from './program-model.js';
import type { StackModel } from './stack-model.js';

/** The Pulumi stack the local stack renders (its `Pulumi.local.yaml` config). */
export const LOCAL_STACK_NAME = 'local';

/**
 * Run the infra Pulumi program under mocks for stack `local` and read the resources it would deploy.
 * Imported lazily: loading the Pulumi SDK and the AWS provider is the slowest part of start-up.
 */
export async function loadStackModel(): Promise<StackModel> {
  const { runProgramWithMocks } = await import('@orders/infra/testing');
  const program = (await runProgramWithMocks({ stack: LOCAL_STACK_NAME })) as unknown as MockedProgram;
  return stackModelFromProgram(program);
}
