import * as cloudwatch from '@pulumi/aws/cloudwatch/index.js';
import { getCallerIdentityOutput } from '@pulumi/aws/getCallerIdentity.js';
import * as iam from '@pulumi/aws/iam/index.js';
import * as sfn from '@pulumi/aws/sfn/index.js';
import * as pulumi from '@pulumi/pulumi';
import type { LogLevel, StateMachineType } from '../config.js';
import { assumeRolePolicy, type PolicyStatement, policyDocument } from './internal/policy-document.js';

import { LOG_DELIVERY_ACTIONS, XRAY_ACTIONS } from './internal/star-resource-actions.js';

export { LOG_DELIVERY_ACTIONS, XRAY_ACTIONS };

export interface OrderStateMachineArgs {
  /** Physical state machine name, e.g. `orders-dev-order-workflow`. */
  readonly stateMachineName: string;
  /** The stack's region: the role trusts Step Functions only on behalf of this state machine. */
  readonly region: string;
  /** The ASL JSON; joined from Outputs with `pulumi.jsonStringify`. */
  readonly definition: pulumi.Input<string>;
  /** What the tasks in the definition call, exactly as the workflow declares it. */
  readonly taskStatements: readonly PolicyStatement[];
  readonly type: StateMachineType;
  readonly logLevel: LogLevel;
  readonly includeExecutionData: boolean;
  readonly logRetentionDays: number;
  readonly tags?: Record<string, string>;
}

/** The order workflow's state machine with its log group, X-Ray tracing and a role derived from its tasks. */
export class OrderStateMachine extends pulumi.ComponentResource {
  readonly stateMachine: sfn.StateMachine;
  readonly role: iam.Role;
  readonly logGroup: cloudwatch.LogGroup;

  constructor(name: string, args: OrderStateMachineArgs, opts?: pulumi.ComponentResourceOptions) {
    super('orders:workflow:OrderStateMachine', name, {}, opts);
    const tags = args.tags === undefined ? {} : { tags: args.tags };

    this.logGroup = new cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `/aws/vendedlogs/states/${args.stateMachineName}`,
        retentionInDays: args.logRetentionDays,
        ...tags,
      },
      { parent: this },
    );
    const identity = getCallerIdentityOutput({}, { parent: this });
    // The partition (aws, aws-cn, aws-us-gov) is the second field of any ARN in the account.
    const partition = identity.arn.apply((arn) => arn.split(':')[1] ?? 'aws');
    this.role = new iam.Role(
      `${name}-role`,
      {
        // Confused-deputy guard (AWS's recommended trust policy for a state machine role): Step Functions may
        // assume this role only for this account's state machine of this name.
        assumeRolePolicy: assumeRolePolicy('states.amazonaws.com', {
          StringEquals: { 'aws:SourceAccount': identity.accountId },
          ArnLike: {
            'aws:SourceArn': pulumi.interpolate`arn:${partition}:states:${args.region}:${identity.accountId}:stateMachine:${args.stateMachineName}`,
          },
        }),
        ...tags,
      },
      { parent: this },
    );
    const policy = new iam.RolePolicy(
      `${name}-policy`,
      {
        role: this.role.id,
        policy: policyDocument([
          ...args.taskStatements,
          { sid: 'DeliverLogs', actions: LOG_DELIVERY_ACTIONS, resources: ['*'] },
          { sid: 'Tracing', actions: XRAY_ACTIONS, resources: ['*'] },
        ]),
      },
      { parent: this },
    );

    this.stateMachine = new sfn.StateMachine(
      `${name}-state-machine`,
      {
        name: args.stateMachineName,
        type: args.type,
        definition: args.definition,
        roleArn: this.role.arn,
        loggingConfiguration: {
          // Step Functions wants the log group ARN with the `:*` suffix.
          logDestination: pulumi.interpolate`${this.logGroup.arn}:*`,
          level: args.logLevel,
          includeExecutionData: args.includeExecutionData,
        },
        tracingConfiguration: { enabled: true },
        ...tags,
      },
      // Step Functions validates the role's permissions (log delivery) when the machine is created.
      { parent: this, dependsOn: [policy] },
    );
    this.registerOutputs({
      stateMachineArn: this.stateMachine.arn,
      stateMachineName: this.stateMachine.name,
    });
  }
}
