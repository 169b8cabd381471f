// Harness adapter: runs a conformance case through @orders/asl-engine (TypeScript loaded with tsx).
import { tsImport } from 'tsx/esm/api';

const engine = await tsImport('../src/index.ts', import.meta.url);

export const name = '@orders/asl-engine@0.1.0';

/** Virtual time: a sleep advances the clock and yields to the event loop, so tests take no real time. */
function virtualTime() {
  let now = Date.now();
  return {
    clock: { now: () => now },
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        if (signal.aborted) return resolve();
        setImmediate(() => {
          if (!signal.aborted) now += ms;
          resolve();
        });
      }),
  };
}

export async function run(definition, input, { services, smType }) {
  let sm;
  let validationRejected = null;
  try {
    sm = engine.StateMachine.load(definition);
  } catch (e) {
    validationRejected = String(e.message).slice(0, 300);
    sm = engine.StateMachine.load(definition, { validate: false });
  }
  const ctx = services.contextObject;
  const time = virtualTime();
  const express = smType === 'EXPRESS';
  const exec = sm.start(input, {
    name: ctx.Execution.Name,
    ...(express ? { type: 'EXPRESS' } : { executionArn: ctx.Execution.Id }),
    stateMachineArn: ctx.StateMachine.Id,
    roleArn: ctx.Execution.RoleArn,
    dispatcher: { resolve: () => (req) => services.taskResult(req.resource, req.parameters) },
    clock: time.clock,
    sleep: time.sleep,
    history: false,
  });
  const r = await exec.result;
  const out = { ...r };
  if (validationRejected) out.validationRejected = validationRejected;
  return out;
}
