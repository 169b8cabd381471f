import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { parseStackOutputs, type StackOutputs } from '@orders/shared-types';
import { requireE2eOutputs } from './e2e-outputs.js';
import type { E2eTarget } from './e2e-target.js';
import { createRunQueue } from './run-queue.js';
import type { StartedTarget } from './started-target.js';

// Pulumi resolves a bare stack name against the project in its working directory: the infra package.
const DEFAULT_PULUMI_CWD = fileURLToPath(new URL('../../../infra/', import.meta.url));

/** `pulumi stack output` failed or printed something that is not JSON. */
export class StackOutputsUnavailableError extends Error {
  override readonly name = 'StackOutputsUnavailableError';
}

export interface AwsTargetOptions {
  readonly stackName: string;
  readonly runId: string;
  /** A JSON file with the outputs (E2E_OUTPUTS); when absent, ask the Pulumi CLI. */
  readonly outputsFile?: string;
  /** Working directory for the Pulumi CLI (E2E_PULUMI_CWD); default: packages/infra. */
  readonly pulumiCwd?: string;
}

/** Read a deployed stack's outputs from a JSON file or `pulumi stack output --json --stack <name>`. */
export function readStackOutputs(options: Omit<AwsTargetOptions, 'runId'>): StackOutputs {
  if (options.outputsFile !== undefined) {
    return parseStackOutputs(JSON.parse(readFileSync(options.outputsFile, 'utf8')), options.outputsFile);
  }
  const args = ['stack', 'output', '--json', '--stack', options.stackName];
  const result = spawnSync('pulumi', args, {
    cwd: options.pulumiCwd ?? DEFAULT_PULUMI_CWD,
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    throw new StackOutputsUnavailableError(
      `pulumi ${args.join(' ')} failed (${result.error?.message ?? result.stderr.trim()}). ` +
        'Deploy the stack first (pulumi up) or pass the outputs as a file with E2E_OUTPUTS=outputs.json.',
    );
  }
  return parseStackOutputs(JSON.parse(result.stdout), `pulumi stack output --stack ${options.stackName}`);
}

/**
 * Target a deployed stack with the default AWS credentials: read its outputs and subscribe a queue
 * created for this run to its notification topic; stopping deletes that queue.
 */
export async function startAwsTarget(options: AwsTargetOptions): Promise<StartedTarget> {
  const source = options.outputsFile ?? `pulumi stack output --stack ${options.stackName}`;
  const outputs = requireE2eOutputs(readStackOutputs(options), source);
  const sqs = new SQSClient({ region: outputs.region });
  const sns = new SNSClient({ region: outputs.region });
  const queue = await createRunQueue(sqs, sns, outputs.notificationTopicArn, options.runId);
  const target: E2eTarget = {
    kind: 'aws',
    stackName: options.stackName,
    runId: options.runId,
    outputs,
    region: outputs.region,
    queueUrl: queue.queueUrl,
  };
  return {
    target,
    async stop() {
      try {
        await queue.delete();
      } finally {
        sqs.destroy();
        sns.destroy();
      }
    },
  };
}
