import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { dynamoDbNotificationOutbox } from '../adapters/dynamodb-notification-outbox.js';
import { snsNotificationPublisher } from '../adapters/sns-notification-publisher.js';
import { type ResendResult, resendNotifications } from '../domain/resend-notifications.js';
import { NOTIFICATION_TOPIC_ENV, ORDERS_TABLE_ENV, requiredSetting } from '../runtime/config.js';
import { withInvocationLogging } from '../runtime/invocation.js';
import { createLogger, type Logger } from '../runtime/logger.js';

export interface ResendNotificationsDeps {
  readonly dynamodb: DynamoDBClient;
  readonly sns: SNSClient;
  /** The Orders table; default: $ORDERS_TABLE_NAME, read per invocation. */
  readonly ordersTableName?: string;
  /** The notification topic; default: $NOTIFICATION_TOPIC_ARN, read per invocation. */
  readonly notificationTopicArn?: string;
  readonly logger: Logger;
}

const FAILURE_MESSAGES = {
  invalid: 'kept notification cannot be sent: left on the row for a person',
  publish: 'publish failed: the notification stays on the row for the next run',
  clear: 'published, but the row could not be cleared: the next run sends it again',
} as const;

/**
 * Build the notification re-sender (run on a schedule): publish every notification the workflow kept on
 * an order row when SNS refused it, with its Notify task's attributes, and clear it from the row.
 */
export function createResendNotificationsHandler(deps: ResendNotificationsDeps) {
  return withInvocationLogging<ResendResult>(
    { logger: deps.logger, summary: (r) => ({ ...r }) },
    async ({ log }) => {
      const ordersTable = requiredSetting(ORDERS_TABLE_ENV, deps.ordersTableName);
      const topicArn = requiredSetting(NOTIFICATION_TOPIC_ENV, deps.notificationTopicArn);
      const result = await resendNotifications(
        dynamoDbNotificationOutbox(deps.dynamodb, ordersTable),
        snsNotificationPublisher(deps.sns, topicArn),
        ({ orderId, stage, error }) => log.error(FAILURE_MESSAGES[stage], { orderId, error }),
      );
      if (result.found > 0) log.warn('re-sent kept notifications', { ...result });
      return result;
    },
  );
}

// Created once per Lambda instance; the endpoint comes from the standard SDK env (AWS_ENDPOINT_URL).
/** The Lambda entry point (`index.handler`). */
export const handler = createResendNotificationsHandler({
  dynamodb: new DynamoDBClient({}),
  sns: new SNSClient({}),
  logger: createLogger({ service: 'resend-notifications' }),
});
