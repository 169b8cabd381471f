/**
 * The conformance harness's engine interface implemented over @orders/asl-engine. Shared by the
 * harness adapter (adapter.mjs) and the in-process corpus test.
 */
import { createVirtualTime, StateMachine } from '../src/index.js';

/** The per-case stubs the harness hands to an engine (see shared/conformance/harness/services.mjs). */
export interface HarnessServices {
  taskResult(resource: string, parameters: unknown): Promise<unknown>;
  contextObject: {
    Execution: { Id: string; Name: string; RoleArn: string };
    StateMachine: { Id: string; Name: string };
  };
}

export type CaseOutcome =
  | { status: 'SUCCEEDED'; output: unknown; validationRejected?: string }
  | { status: string; error?: string; cause?: string; validationRejected?: string };

/** Runs one case: every Task goes to the harness's service stubs. */
export async function runCase(
  definition: unknown,
  input: unknown,
  { services, smType }: { services: HarnessServices; smType?: string },
): Promise<CaseOutcome> {
  let sm: StateMachine;
  let validationRejected: string | undefined;
  try {
    sm = StateMachine.load(definition);
  } catch (e) {
    validationRejected = String((e as Error).message).slice(0, 300);
    sm = StateMachine.load(definition, { validate: false });
  }
  const ctx = services.contextObject;
  const time = createVirtualTime();
  const exec = sm.start(input, {
    name: ctx.Execution.Name,
    ...(smType === 'EXPRESS' ? { type: 'EXPRESS' as const } : { executionArn: ctx.Execution.Id }),
    stateMachineArn: ctx.StateMachine.Id,
    roleArn: ctx.Execution.RoleArn,
    dispatcher: { resolve: () => (req) => services.taskResult(req.resource, req.parameters) },
    clock: time.clock,
    sleep: time.sleep,
    history: false,
  });
  const r = await exec.result;
  return validationRejected ? { ...r, validationRejected } : r;
}
