/**
 * Run the Pulumi program offline with `pulumi.runtime.setMocks`: no CLI, no plugin, no network.
 * Used by the infra tests and by the local stack to capture the resources and the rendered definition.
 */
import * as pulumi from '@pulumi/pulumi';
import { mockCall, mockResourceState } from './internal/mock-state.js';
import { normalizeInputs } from './internal/normalize-inputs.js';
import { loadStackConfigFiles } from './internal/stack-config-files.js';
import { withTimeout } from './internal/with-timeout.js';

export { MOCK_ACCOUNT_ID, mockArn } from './internal/mock-state.js';
export { ProgramTimeoutError } from './internal/with-timeout.js';

/** One resource the program registered, as the mocks saw it. */
export interface CapturedResource {
  /** Pulumi type token, e.g. `aws:lambda/function:Function` or `orders:compute:OrderFunction`. */
  readonly type: string;
  /** Logical (Pulumi) name. */
  readonly name: string;
  readonly urn: string;
  readonly id: string;
  /** False for component resources. */
  readonly custom: boolean;
  /**
   * Inputs as plain data. Assets and archives become `{ kind: 'FileArchive', path }` (absolute path), etc.
   */
  readonly inputs: Record<string, unknown>;
  /** Inputs plus the mocked provider outputs (`arn`, `name`, ...). */
  readonly state: Record<string, unknown>;
}

export interface ProgramRun {
  readonly project: string;
  readonly stack: string;
  /** The config the program ran with (Pulumi.yaml defaults, the stack file, then `options.config`). */
  readonly config: Record<string, string>;
  readonly resources: CapturedResource[];
  /** The stack outputs, resolved to plain values. */
  readonly outputs: Record<string, unknown>;
}

export interface RunProgramOptions {
  /** Stack name; `Pulumi.<stack>.yaml` is read when it exists. */
  readonly stack: string;
  /** Config overrides by full key (`orders:logLevel`, `aws:region`); a bare key gets the project namespace. */
  readonly config?: Record<string, string>;
  /** Fail with ProgramTimeoutError after this long (an error inside an apply never settles). Default 30 s. */
  readonly timeoutMs?: number;
}

// setMocks and the config are process-wide: runs take turns.
let queue: Promise<unknown> = Promise.resolve();

/** Run the program under mocks and return every resource it registered and its stack outputs. */
export function runProgramWithMocks(options: RunProgramOptions): Promise<ProgramRun> {
  const run = queue.then(() => runOnce(options));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(options: RunProgramOptions): Promise<ProgramRun> {
  const { project, config } = loadStackConfigFiles(options.stack, options.config ?? {});
  const region = config['aws:region'] ?? 'us-east-1';
  const captured: Array<Omit<CapturedResource, 'urn'>> = [];
  const pending = new Set<Promise<unknown>>();

  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const id = args.id || `${args.name}-id`;
        const state = mockResourceState(args.type, args.name, args.inputs, region);
        const capture = normalizeInputs(args.inputs).then((inputs) =>
          normalizeInputs(state).then((normalState) => {
            captured.push({
              type: args.type,
              name: args.name,
              id,
              custom: args.custom ?? true,
              inputs,
              state: normalState,
            });
          }),
        );
        pending.add(capture);
        return { id, state };
      },
      call: (args) => mockCall(args.token, args.inputs, region),
    },
    project,
    options.stack,
    false,
  );

  const timeoutMs = options.timeoutMs ?? 30_000;
  // Imported only now, after setMocks: nothing in the program may touch Pulumi before the mocks are in.
  const { loadStackConfig } = await import('../config.js');
  const { ordersProgram } = await import('../program.js');
  const stackOutputs = ordersProgram(loadStackConfig());

  const outputs = await withTimeout(
    new Promise<Record<string, unknown>>((resolve) => {
      pulumi.output(stackOutputs).apply((value) => resolve(value as Record<string, unknown>));
    }),
    timeoutMs,
    () => `stack outputs did not resolve (${captured.length} resources registered so far)`,
  );
  await withTimeout(settle(pending), timeoutMs, () => 'resource registrations did not settle');

  const urns = registeredUrns();
  const resources = captured.map((r) => ({
    ...r,
    urn: findUrn(urns, r.type, r.name, project, options.stack),
  }));
  return { project, stack: options.stack, config, resources, outputs };
}

/** Wait until Pulumi's RPC queue is drained and no capture is left pending. */
async function settle(pending: Set<Promise<unknown>>): Promise<void> {
  const waitForRPCs = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs;
  for (;;) {
    await waitForRPCs?.();
    const before = pending.size;
    await Promise.all(pending);
    // Let the queue pick up registrations started by the resolutions we just awaited.
    await new Promise((resolve) => setImmediate(resolve));
    if (pending.size === before) return;
  }
}

function registeredUrns(): string[] {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    getRegisteredResources?: () => Map<string, unknown>;
  };
  return [...(monitor.getRegisteredResources?.().keys() ?? [])];
}

function findUrn(urns: string[], type: string, name: string, project: string, stack: string): string {
  const found = urns.find((urn) => urn.endsWith(`::${type}::${name}`) || urn.endsWith(`$${type}::${name}`));
  return found ?? `urn:pulumi:${stack}::${project}::${type}::${name}`;
}
