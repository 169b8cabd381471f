import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** A notification taken off the inspection queue: the SNS envelope unwrapped. */
export interface Notification {
  readonly receivedAt: number;
  readonly message: unknown;
  readonly text: string;
}

/**
 * Reads the queue subscribed to the notification topic (SNS envelope: raw message delivery is off),
 * deletes what it reads, and hands each notification to whoever waits for its `orderId`.
 */
export class NotificationReader {
  private readonly waiters = new Map<string, (n: Notification) => void>();
  private readonly unclaimed = new Map<string, Notification>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.poll();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** The notification about `orderId` (already received, or the next one to arrive). */
  next(orderId: string, timeoutMs = 15_000): Promise<Notification> {
    const ready = this.unclaimed.get(orderId);
    if (ready !== undefined) {
      this.unclaimed.delete(orderId);
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(orderId);
        reject(new Error(`no notification for order ${orderId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(orderId, (n) => {
        clearTimeout(timer);
        resolve(n);
      });
    });
  }

  /** Receive whatever is in the queue now (no long poll) and return it. */
  async drain(): Promise<Notification[]> {
    const out: Notification[] = [];
    for (;;) {
      const batch = await this.receive(0);
      out.push(...batch);
      if (batch.length === 0) return out;
    }
  }

  private async poll(): Promise<void> {
    while (this.running) {
      let batch: Notification[];
      try {
        batch = await this.receive(1);
      } catch (error) {
        // The queue's service is restarting (refused connections): try again, as a consumer would.
        if (!isConnectionError(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      for (const n of batch) {
        const orderId = (n.message as { orderId?: unknown } | undefined)?.orderId;
        const id = typeof orderId === 'string' ? orderId : '';
        const waiter = this.waiters.get(id);
        if (waiter === undefined) this.unclaimed.set(id, n);
        else {
          this.waiters.delete(id);
          waiter(n);
        }
      }
    }
  }

  private async receive(waitSeconds: number): Promise<Notification[]> {
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: waitSeconds,
      }),
    );
    const receivedAt = performance.now();
    if (Messages.length > 0) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    return Messages.map((m) => {
      const envelope = JSON.parse(m.Body ?? '{}') as { Message?: string };
      const text = envelope.Message ?? m.Body ?? '';
      let message: unknown = text;
      try {
        message = JSON.parse(text);
      } catch {
        // a non-JSON message stays text
      }
      return { receivedAt, message, text };
    });
  }
}

/** A refused or dropped connection (the service is down or restarting), not an answer from it. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE';
}
