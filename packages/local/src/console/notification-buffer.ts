import { type SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** One notification as the topic delivered it, unwrapped from its SNS envelope. */
export interface BufferedNotification {
  /** 1, 2, 3, … in the order received: `since` for the next read. */
  readonly seq: number;
  /** When the buffer took it off its queue (ISO 8601). */
  readonly receivedAt: string;
  /** The envelope's `Timestamp`: when SNS published it. */
  readonly publishedAt?: string;
  readonly messageId?: string;
  /** The message attributes (`state`, `outcome`), by name. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The published message: parsed JSON, or the text when it is not JSON. */
  readonly message: unknown;
}

const CAPACITY = 2000;

/**
 * The console's own queue, subscribed to the notification topic exactly as the inspection queue is (raw
 * message delivery off), read and emptied into an in-memory buffer of the last 2,000 notifications. SQS
 * cannot be read without taking the messages, and the inspection queue belongs to its readers (tests,
 * the demo, the bench: `NotificationReader` deletes what it reads), so the console never touches it: it
 * receives its own copy of every notification the topic sends.
 */
export class NotificationBuffer {
  private readonly items: BufferedNotification[] = [];
  private seq = 0;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  private constructor(
    private readonly sqs: SQSClient,
    private readonly cleanup: () => Promise<void>,
    readonly queueUrl: string,
  ) {}

  /** Create the queue `queueName`, subscribe it to `topicArn` and start reading it. */
  static async start(
    clients: { readonly sns: SNSClient; readonly sqs: SQSClient },
    topicArn: string,
    queueName: string,
  ): Promise<NotificationBuffer> {
    const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: queueName }));
    if (QueueUrl === undefined) throw new Error(`moto created the console queue ${queueName} without a URL`);
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    if (Attributes?.QueueArn === undefined) throw new Error('moto returned no ARN for the console queue');
    const { SubscriptionArn } = await clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: Attributes.QueueArn,
        Attributes: { RawMessageDelivery: 'false' },
      }),
    );
    const buffer = new NotificationBuffer(
      clients.sqs,
      async () => {
        if (SubscriptionArn !== undefined)
          await clients.sns.send(new UnsubscribeCommand({ SubscriptionArn })).catch(() => undefined);
        await clients.sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(() => undefined);
      },
      QueueUrl,
    );
    buffer.loop = buffer.poll();
    return buffer;
  }

  /**
   * The notifications received after `since` (a `seq`), oldest first (the newest `limit` of them, when
   * given), and the last `seq` so far.
   */
  list(since = 0, limit = Number.POSITIVE_INFINITY): { notifications: BufferedNotification[]; last: number } {
    const first = this.items.findIndex((n) => n.seq > since);
    const from = first < 0 ? this.items.length : Math.max(first, this.items.length - limit);
    return { notifications: this.items.slice(from), last: this.seq };
  }

  /** Stop reading (at once: the long poll in flight is aborted) and remove the queue. */
  async stop(): Promise<void> {
    if (this.abort.signal.aborted) return;
    this.abort.abort();
    await this.loop;
    await this.cleanup();
  }

  private async poll(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const { Messages = [] } = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 2,
          }),
          { abortSignal: this.abort.signal },
        );
        if (Messages.length === 0) continue;
        const receivedAt = new Date().toISOString();
        for (const m of Messages) this.add(receivedAt, m.Body ?? '');
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
      } catch {
        // aborted by stop(), or moto went away under it: the loop condition decides
        if (!this.abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private add(receivedAt: string, body: string): void {
    let envelope: {
      Message?: string;
      MessageId?: string;
      Timestamp?: string;
      MessageAttributes?: Record<string, { Value?: string }>;
    } = {};
    try {
      envelope = JSON.parse(body) as typeof envelope;
    } catch {
      envelope = { Message: body };
    }
    const text = envelope.Message ?? body;
    let message: unknown = text;
    try {
      message = JSON.parse(text);
    } catch {
      // a message that is not JSON stays text
    }
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(envelope.MessageAttributes ?? {})) {
      if (typeof attribute?.Value === 'string') attributes[name] = attribute.Value;
    }
    this.items.push({
      seq: ++this.seq,
      receivedAt,
      ...(envelope.Timestamp === undefined ? {} : { publishedAt: envelope.Timestamp }),
      ...(envelope.MessageId === undefined ? {} : { messageId: envelope.MessageId }),
      attributes,
      message,
    });
    if (this.items.length > CAPACITY) this.items.splice(0, this.items.length - CAPACITY);
  }
}
