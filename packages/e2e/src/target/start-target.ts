import { readFileSync } from 'node:fs';
import { sortableIds } from '../execution-name.js';
import { startAwsTarget } from './aws-target.js';
import { attachLocalTarget, type LocalTargetOptions, startLocalTarget } from './local-target.js';
import type { StartedTarget } from './started-target.js';

/** Prefix of every execution name and queue this suite creates. */
export const RUN_PREFIX = 'e2e';

/**
 * Pick the target from the environment: `E2E_STACK=<name>` (optionally with `E2E_OUTPUTS=<file>`)
 * targets a deployed stack; `E2E_OUTPUTS=<file>` alone attaches to the running local stack the file
 * describes (`.local/stack.json`), or targets the deployed stack whose outputs it holds; otherwise the
 * local stack is started (and stopped after).
 */
export async function startTarget(
  env: NodeJS.ProcessEnv = process.env,
  local: LocalTargetOptions = {},
): Promise<StartedTarget> {
  const runId = `${RUN_PREFIX}-${sortableIds().next()}`;
  const stackName = env.E2E_STACK;
  if (stackName !== undefined && stackName !== '' && stackName !== 'local') {
    return startAwsTarget({
      stackName,
      runId,
      ...(env.E2E_OUTPUTS ? { outputsFile: env.E2E_OUTPUTS } : {}),
      ...(env.E2E_PULUMI_CWD ? { pulumiCwd: env.E2E_PULUMI_CWD } : {}),
    });
  }
  if (env.E2E_OUTPUTS) {
    const outputs = JSON.parse(readFileSync(env.E2E_OUTPUTS, 'utf8')) as Record<string, unknown>;
    if (outputs.endpoints !== undefined) return attachLocalTarget(outputs, env.E2E_OUTPUTS, runId);
    return startAwsTarget({ stackName: 'outputs-file', runId, outputsFile: env.E2E_OUTPUTS });
  }
  return startLocalTarget(runId, local);
}
