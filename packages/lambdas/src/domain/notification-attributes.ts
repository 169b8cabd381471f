import { ORDER_STATES, type OrderState } from '@orders/shared-types';

/** The `outcome` message attribute subscribers filter on. */
export type NotificationOutcome = 'PROCESSED' | 'DECLINED' | 'REJECTED';

/** The message attributes of a notification, as the workflow's Notify tasks set them. */
export interface NotificationAttributes {
  readonly state: OrderState;
  readonly outcome: NotificationOutcome;
}

/** A kept notification cannot be sent as it is (not JSON, no known `state`, another order's message). */
export class InvalidNotificationError extends Error {
  override readonly name = 'InvalidNotification';
}

const STATES = new Set<string>(Object.values(ORDER_STATES));

/**
 * The outcome of an order in `state`, as the workflow's three Notify tasks name it
 * (packages/infra/src/workflow/phases/common.ts `notify()`): a charge, a decline, or any rejection.
 */
export function notificationOutcome(state: OrderState): NotificationOutcome {
  if (state === ORDER_STATES.PAYMENT_PROCESSED) return 'PROCESSED';
  if (state === ORDER_STATES.PAYMENT_FAILED) return 'DECLINED';
  return 'REJECTED';
}

/**
 * The attributes to publish the notification text `message` (an `OrderNotification`'s JSON) kept on the row
 * of `orderId` with; throws InvalidNotificationError naming the field and value when it cannot be sent.
 */
export function notificationAttributes(orderId: string, message: unknown): NotificationAttributes {
  if (typeof message !== 'string')
    throw new InvalidNotificationError(`PendingNotification of order ${orderId} is not a string`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch (cause) {
    throw new InvalidNotificationError(`PendingNotification of order ${orderId} is not JSON`, { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InvalidNotificationError(`PendingNotification of order ${orderId} is not a JSON object`);
  const { orderId: messageOrderId, state } = parsed as Record<string, unknown>;
  if (messageOrderId !== orderId)
    throw new InvalidNotificationError(
      `PendingNotification.orderId of order ${orderId} is ${JSON.stringify(messageOrderId)}`,
    );
  if (typeof state !== 'string' || !STATES.has(state))
    throw new InvalidNotificationError(
      `PendingNotification.state of order ${orderId} is ${JSON.stringify(state)}, not an order state`,
    );
  const orderState = state as OrderState;
  return { state: orderState, outcome: notificationOutcome(orderState) };
}
