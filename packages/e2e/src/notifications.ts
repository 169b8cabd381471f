import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** No notification for the order arrived in time. */
export class NotificationTimeoutError extends Error {
  override readonly name = 'NotificationTimeoutError';
  constructor(
    readonly orderId: string,
    timeoutMs: number,
    seen: number,
  ) {
    super(`no notification for order ${orderId} within ${timeoutMs} ms (${seen} other message(s) seen)`);
  }
}

/** A notification taken from the queue: the SNS message body, parsed when it is JSON. */
export interface ReceivedNotification {
  readonly orderId: string;
  /** The published message (what the workflow sent to SNS), unwrapped from the SNS envelope. */
  readonly message: unknown;
  /** The SNS message as published, as text (for "appears nowhere" checks). */
  readonly text: string;
  readonly subject?: string;
  /** The raw SQS body, envelope included. */
  readonly body: string;
}

/** Unwrap an SQS body: an SNS envelope (`Type: Notification`) or a raw-delivered message. */
export function parseNotificationBody(body: string): { text: string; message: unknown; subject?: string } {
  const json = tryParse(body);
  if (isRecord(json) && json.Type === 'Notification' && typeof json.Message === 'string') {
    const subject = typeof json.Subject === 'string' ? { subject: json.Subject } : {};
    return { text: json.Message, message: tryParse(json.Message) ?? json.Message, ...subject };
  }
  return { text: body, message: json ?? body };
}

/** The order id a notification is about: its `orderId` field, wherever the message nests it. */
export function notificationOrderId(message: unknown): string | undefined {
  if (!isRecord(message)) return undefined;
  if (typeof message.orderId === 'string') return message.orderId;
  for (const value of Object.values(message)) {
    const nested = isRecord(value) ? notificationOrderId(value) : undefined;
    if (nested !== undefined) return nested;
  }
  return undefined;
}

export interface ReceiveOptions {
  readonly timeoutMs?: number;
  /** How many notifications for this order to collect before returning; default 1. */
  readonly count?: number;
  /** Keep listening this long after the last match, to catch duplicates; default 0. */
  readonly settleMs?: number;
}

/**
 * Take the notifications about `orderId` off the queue. Other tests share the queue, so messages about
 * other orders are left alone: they are received with a 1 s visibility timeout and reappear for their owner.
 */
export async function receiveNotifications(
  sqs: SQSClient,
  queueUrl: string,
  orderId: string,
  { timeoutMs = 20_000, count = 1, settleMs = 0 }: ReceiveOptions = {},
): Promise<ReceivedNotification[]> {
  const found: ReceivedNotification[] = [];
  const others = new Set<string>();
  let stopAt = Date.now() + timeoutMs;
  while (Date.now() < stopAt) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 1,
        WaitTimeSeconds: stopAt - Date.now() >= 1000 ? 1 : 0,
      }),
    );
    for (const message of Messages) {
      const match = matchMessage(message, orderId);
      if (match === undefined) {
        others.add(message.MessageId ?? '');
        continue;
      }
      found.push(match);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      if (found.length === count) {
        if (settleMs === 0) return found;
        stopAt = Math.min(stopAt, Date.now() + settleMs);
      }
    }
    if (Messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (found.length < count) throw new NotificationTimeoutError(orderId, timeoutMs, others.size);
  return found;
}

/** The single notification about `orderId` (see receiveNotifications). */
export async function receiveNotification(
  sqs: SQSClient,
  queueUrl: string,
  orderId: string,
  options: Omit<ReceiveOptions, 'count'> = {},
): Promise<ReceivedNotification> {
  const [first] = await receiveNotifications(sqs, queueUrl, orderId, { ...options, count: 1 });
  if (first === undefined) throw new NotificationTimeoutError(orderId, options.timeoutMs ?? 20_000, 0);
  return first;
}

function matchMessage(message: Message, orderId: string): ReceivedNotification | undefined {
  const body = message.Body ?? '';
  const parsed = parseNotificationBody(body);
  const id = notificationOrderId(parsed.message);
  // A message without a structured order id still counts when its text names the order.
  if (id !== orderId && !(id === undefined && parsed.text.includes(orderId))) return undefined;
  return { orderId, body, ...parsed };
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
