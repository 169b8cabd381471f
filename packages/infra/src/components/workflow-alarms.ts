import { ERROR_NAMES } from '@orders/shared-types';
import * as cloudwatch from '@pulumi/aws/cloudwatch/index.js';
import * as sns from '@pulumi/aws/sns/index.js';
import * as pulumi from '@pulumi/pulumi';
import { EncryptedTopic } from './encrypted-topic.js';
import { customerManagedKey, KEY_ADMIN_ACTIONS } from './internal/customer-managed-key.js';

const CHARGE_NOT_RECORDED_ERROR = ERROR_NAMES.ChargeNotRecorded;

/** What the account root may do with the alarm topic's key (the same as with every key of the program). */
export const ALARM_KEY_ADMIN_ACTIONS = KEY_ADMIN_ACTIONS;

export interface WorkflowAlarmsArgs {
  /** Prefix of the physical names, e.g. `orders-prod`. */
  readonly namePrefix: string;
  readonly stateMachineArn: pulumi.Input<string>;
  /** The state machine's log group (ExecutionFailed events are logged at every level but OFF). */
  readonly stateMachineLogGroupName: pulumi.Input<string>;
  /** Function names to alarm on, keyed by a short label used in the alarm names. */
  readonly functionNames: Record<string, pulumi.Input<string>>;
  /** Subscribe this address to the alarm topic (the recipient confirms by email). */
  readonly alarmEmail?: string;
  readonly tags?: Record<string, string>;
}

/** Alarms on failed and timed-out executions and on Lambda errors, notifying an encrypted alarm topic. */
export class WorkflowAlarms extends pulumi.ComponentResource {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.MetricAlarm[];

  constructor(name: string, args: WorkflowAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('orders:monitoring:WorkflowAlarms', name, {}, opts);
    const tags = args.tags === undefined ? {} : { tags: args.tags };

    // CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key (its key policy cannot
    // grant the cloudwatch service), so the alarm topic gets a customer managed key that does.
    const key = customerManagedKey(
      `${name}-key`,
      {
        description: `${args.namePrefix} alarm topic`,
        statements: ({ accountId }) => [
          {
            sid: 'CloudWatchPublishes',
            principal: { Service: 'cloudwatch.amazonaws.com' },
            actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
            condition: { StringEquals: { 'aws:SourceAccount': accountId } },
          },
        ],
        ...tags,
      },
      { parent: this },
    );
    this.topic = new EncryptedTopic(
      `${name}-notify`,
      { topicName: `${args.namePrefix}-alarms`, kmsMasterKeyId: key.arn, ...tags },
      { parent: this },
    ).topic;
    if (args.alarmEmail !== undefined) {
      new sns.TopicSubscription(
        `${name}-alarm-email`,
        { topic: this.topic.arn, protocol: 'email', endpoint: args.alarmEmail },
        { parent: this },
      );
    }

    const alarm = (
      suffix: string,
      description: string,
      metric: Omit<cloudwatch.MetricAlarmArgs, 'comparisonOperator' | 'evaluationPeriods'>,
    ) =>
      new cloudwatch.MetricAlarm(
        `${name}-${suffix}`,
        {
          name: `${args.namePrefix}-${suffix}`,
          alarmDescription: description,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          threshold: 1,
          evaluationPeriods: 1,
          period: 300,
          statistic: 'Sum',
          treatMissingData: 'notBreaching',
          alarmActions: [this.topic.arn],
          okActions: [this.topic.arn],
          ...metric,
          ...tags,
        },
        { parent: this },
      );
    // A charge without a record fails its execution as ChargeNotRecorded: count those apart, they need a person.
    const chargeMetric = { namespace: `Orders/${args.namePrefix}`, name: 'ChargeNotRecorded' };
    new cloudwatch.LogMetricFilter(
      `${name}-charge-not-recorded`,
      {
        logGroupName: args.stateMachineLogGroupName,
        pattern: `{ $.type = "ExecutionFailed" && $.details.error = "${CHARGE_NOT_RECORDED_ERROR}" }`,
        metricTransformation: { ...chargeMetric, value: '1', defaultValue: '0' },
      },
      { parent: this },
    );
    this.alarms = [
      alarm('charge-not-recorded', 'An order was charged but its record could not be written', {
        namespace: chargeMetric.namespace,
        metricName: chargeMetric.name,
      }),
      alarm('executions-failed', 'Order workflow executions failed', {
        namespace: 'AWS/States',
        metricName: 'ExecutionsFailed',
        dimensions: { StateMachineArn: args.stateMachineArn },
      }),
      alarm('executions-timed-out', 'Order workflow executions timed out', {
        namespace: 'AWS/States',
        metricName: 'ExecutionsTimedOut',
        dimensions: { StateMachineArn: args.stateMachineArn },
      }),
      ...Object.entries(args.functionNames).map(([label, functionName]) =>
        alarm(`${label}-errors`, `Lambda ${label} reported errors`, {
          namespace: 'AWS/Lambda',
          metricName: 'Errors',
          dimensions: { FunctionName: functionName },
        }),
      ),
    ];
    this.registerOutputs({ alarmTopicArn: this.topic.arn });
  }
}
