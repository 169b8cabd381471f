import { type NotificationAttributes, notificationAttributes } from './notification-attributes.js';

/** A notification the workflow could not publish, as kept on its order row. */
export interface KeptNotification {
  readonly orderId: string;
  /** `PendingNotification`: the notification's JSON text (not a string when the row was written by hand). */
  readonly message: unknown;
}

/** The Orders table as the re-sender needs it (DynamoDB in production): the outbox on the order rows. */
export interface NotificationOutbox {
  /** Every order row that keeps a notification (`PendingNotification`). */
  pending(): AsyncIterable<KeptNotification>;
  /**
   * Remove the notification and its failure (`PendingNotification`, `NotificationFailedAt`,
   * `NotificationError`) if the row still keeps this very `message`; false when it keeps another by now.
   */
  clear(orderId: string, message: string): Promise<boolean>;
}

/** The notification topic (SNS in production). */
export interface NotificationPublisher {
  publish(message: string, attributes: NotificationAttributes): Promise<void>;
}

export interface ResendResult {
  /** Order rows found keeping a notification. */
  readonly found: number;
  /** Of those, the notifications published (and removed from their row, unless superseded). */
  readonly sent: number;
  /** Of those, the ones left on their row for the next run: the publish (or the removal) failed, or the message cannot be sent. */
  readonly failed: number;
  /** Of the sent, those whose row kept another notification by the time it was removed: that one is left for the next run. */
  readonly superseded: number;
}

/** Why a kept notification is still on its row after this run. */
export interface ResendFailure {
  readonly orderId: string;
  readonly stage: 'invalid' | 'publish' | 'clear';
  readonly error: unknown;
}

/**
 * Send again every notification the workflow kept on an order row when SNS refused it (the outbox), with
 * the attributes its Notify task would have set, then remove it from the row, only while the row still
 * keeps that same message (a newer one written meanwhile stays). A failed publish leaves the row as it
 * is, for the next run; a publish is at-least-once anyway (subscribers dedupe on orderId + state).
 */
export async function resendNotifications(
  outbox: NotificationOutbox,
  publisher: NotificationPublisher,
  onFailure: (failure: ResendFailure) => void,
): Promise<ResendResult> {
  let found = 0;
  let sent = 0;
  let failed = 0;
  let superseded = 0;
  const fail = (failure: ResendFailure) => {
    failed++;
    onFailure(failure);
  };
  for await (const { orderId, message } of outbox.pending()) {
    found++;
    let attributes: NotificationAttributes;
    try {
      attributes = notificationAttributes(orderId, message);
    } catch (error) {
      fail({ orderId, stage: 'invalid', error });
      continue;
    }
    // notificationAttributes accepted it, so it is a string.
    const text = String(message);
    try {
      await publisher.publish(text, attributes);
    } catch (error) {
      fail({ orderId, stage: 'publish', error });
      continue;
    }
    try {
      if (!(await outbox.clear(orderId, text))) superseded++;
      sent++;
    } catch (error) {
      fail({ orderId, stage: 'clear', error });
    }
  }
  return { found, sent, failed, superseded };
}
