import * as sns from '@pulumi/aws/sns/index.js';
import * as pulumi from '@pulumi/pulumi';

export interface EncryptedTopicArgs {
  /** Physical topic name. */
  readonly topicName: string;
  /** KMS key id, ARN or alias; the AWS managed SNS key by default. */
  readonly kmsMasterKeyId?: pulumi.Input<string>;
  readonly tags?: Record<string, string>;
}

/** An SNS topic encrypted at rest with KMS. */
export class EncryptedTopic extends pulumi.ComponentResource {
  readonly topic: sns.Topic;

  constructor(name: string, args: EncryptedTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super('orders:messaging:EncryptedTopic', name, {}, opts);
    this.topic = new sns.Topic(
      `${name}-topic`,
      {
        name: args.topicName,
        kmsMasterKeyId: args.kmsMasterKeyId ?? 'alias/aws/sns',
        ...(args.tags === undefined ? {} : { tags: args.tags }),
      },
      { parent: this },
    );
    this.registerOutputs({ topicArn: this.topic.arn });
  }
}
