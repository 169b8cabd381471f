import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { NotificationPublisher } from '../domain/resend-notifications.js';

/** The notification topic: the message as kept, with `state` and `outcome` as String message attributes. */
export function snsNotificationPublisher(client: SNSClient, topicArn: string): NotificationPublisher {
  return {
    async publish(message, attributes) {
      await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: message,
          MessageAttributes: {
            state: { DataType: 'String', StringValue: attributes.state },
            outcome: { DataType: 'String', StringValue: attributes.outcome },
          },
        }),
      );
    },
  };
}
