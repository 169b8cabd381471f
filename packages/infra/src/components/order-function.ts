import * as path from 'node:path';
import * as cloudwatch from '@pulumi/aws/cloudwatch/index.js';
import * as iam from '@pulumi/aws/iam/index.js';
import * as lambda from '@pulumi/aws/lambda/index.js';
import * as pulumi from '@pulumi/pulumi';
import { assumeRolePolicy, type PolicyStatement, policyDocument } from './internal/policy-document.js';

export interface OrderFunctionArgs {
  /** Physical function name, e.g. `orders-dev-verify-payment`. */
  readonly functionName: string;
  /** Folder of the built bundle (`index.mjs` exporting `handler`). */
  readonly bundleDir: string;
  /** The bundle's export to run (default `index.handler`). */
  readonly handler?: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly logRetentionDays: number;
  readonly environment?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** What the handler itself calls in AWS (beyond writing its own logs). */
  readonly statements?: readonly PolicyStatement[];
  readonly tags?: Record<string, string>;
}

/** One Lambda function with its own log group (with retention) and its own least-privilege role. */
export class OrderFunction extends pulumi.ComponentResource {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: cloudwatch.LogGroup;

  constructor(name: string, args: OrderFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super('orders:compute:OrderFunction', name, {}, opts);
    const tags = args.tags === undefined ? {} : { tags: args.tags };

    this.logGroup = new cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/lambda/${args.functionName}`, retentionInDays: args.logRetentionDays, ...tags },
      { parent: this },
    );
    this.role = new iam.Role(
      `${name}-role`,
      { assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'), ...tags },
      { parent: this },
    );
    // The log group exists already, so no logs:CreateLogGroup; `:*` scopes the grant to its log streams.
    const logStatement: PolicyStatement = {
      sid: 'WriteOwnLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [pulumi.interpolate`${this.logGroup.arn}:*`],
    };
    const policy = new iam.RolePolicy(
      `${name}-policy`,
      { role: this.role.id, policy: policyDocument([logStatement, ...(args.statements ?? [])]) },
      { parent: this },
    );

    this.function = new lambda.Function(
      `${name}-function`,
      {
        name: args.functionName,
        code: new pulumi.asset.FileArchive(path.resolve(args.bundleDir)),
        handler: args.handler ?? 'index.handler',
        // The newest Node.js runtime Lambda offers; the bundles target it (packages/lambdas/scripts/bundles.ts)
        // and the policy pack refuses deprecated runtimes (policy/policies.ts).
        runtime: lambda.Runtime.NodeJS24dX,
        architectures: ['arm64'],
        role: this.role.arn,
        timeout: args.timeoutSeconds,
        memorySize: args.memoryMb,
        // The handlers write one JSON object per line; JSON makes Lambda's own lines (START, REPORT) JSON too,
        // so a Logs Insights query reads both alike.
        loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
        ...(args.environment === undefined ? {} : { environment: { variables: args.environment } }),
        ...tags,
      },
      // Without the policy in place the first invocations could not write their logs.
      { parent: this, dependsOn: [policy, this.logGroup] },
    );
    this.registerOutputs({ functionName: this.function.name, functionArn: this.function.arn });
  }
}
