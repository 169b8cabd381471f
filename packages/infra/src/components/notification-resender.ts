import type * as pulumi from '@pulumi/pulumi';
import type { OrderFunctionArgs } from './order-function.js';
import { ScheduledFunction } from './scheduled-function.js';

export interface NotificationResenderArgs extends Omit<OrderFunctionArgs, 'handler' | 'statements'> {
  readonly ordersTableArn: pulumi.Input<string>;
  /** The order-notification topic it publishes to. */
  readonly topicArn: pulumi.Input<string>;
  /** How often it looks (an EventBridge schedule expression). Default every 15 minutes. */
  readonly schedule?: string;
}

/**
 * The re-sender of the notification outbox: the `resend-notifications` bundle on a schedule. It publishes
 * every notification the workflow kept on an order row (`PendingNotification`) when SNS refused it, then
 * clears it from the row. Its role: Scan and UpdateItem on the Orders table, Publish on the topic. No KMS
 * grant: the topic is encrypted with the AWS managed key (`alias/aws/sns`), whose key policy lets every
 * principal of the account use it through SNS (a customer managed key would need kms:GenerateDataKey and
 * kms:Decrypt on it here).
 */
export class NotificationResender extends ScheduledFunction {
  constructor(name: string, args: NotificationResenderArgs, opts?: pulumi.ComponentResourceOptions) {
    const { ordersTableArn, topicArn, schedule, ...fn } = args;
    super(
      name,
      {
        ...fn,
        statements: [
          {
            sid: 'FindAndClearKeptNotifications',
            actions: ['dynamodb:Scan', 'dynamodb:UpdateItem'],
            resources: [ordersTableArn],
          },
          { sid: 'ResendNotifications', actions: ['sns:Publish'], resources: [topicArn] },
        ],
        schedule: schedule ?? 'rate(15 minutes)',
        description: 'Publish the notifications SNS refused, kept on their order rows, and clear them',
      },
      opts,
      'orders:messaging:NotificationResender',
    );
  }
}
