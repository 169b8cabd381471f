/** What every phase of the order workflow shares: its refs, the orders table, timeouts and retries. */
import { ERROR_NAMES, type OrderNotification } from '@orders/shared-types';
import { Chain, type Chainable, JSONata, jsonata, retry, type TableRef } from '../../asl/index.js';
import type { OrderWorkflowRefs } from '../order-workflow-refs.js';
import { jsonataObject } from '../private/jsonata-object.js';
import { payment, summary } from '../rules.js';
import { STATE_NAMES } from '../state-names.js';

/** Seconds each Task may take before it fails with States.Timeout. */
export const TASK_TIMEOUTS = { lambda: 30, dynamodb: 10, sns: 10 } as const;

export const ordersTable = <T>(refs: OrderWorkflowRefs<T>): TableRef<T> => ({
  name: refs.ordersTableName,
  arn: refs.ordersTableArn,
});

/** The order row's key. */
export const ORDER_KEY = { OrderId: { S: jsonata('$orderId') } };

// Throttling, internal errors and timeouts of the service integrations are worth a retry; validation errors
// are not. Every write of the order row is safe to repeat (its condition admits its own earlier attempt).
export const DYNAMODB_RETRY = retry({
  errors: [
    'States.Timeout',
    'DynamoDB.ProvisionedThroughputExceededException',
    'DynamoDB.ThrottlingException',
    'DynamoDB.RequestLimitExceeded',
    'DynamoDB.InternalServerErrorException',
  ],
  intervalSeconds: 1,
  maxAttempts: 3,
  backoffRate: 2,
  jitterStrategy: 'FULL',
});
/**
 * reserve-stock and release-stock throw InventoryUnavailable when the Inventory table kept refusing their
 * transaction (conflicts, throttling) after their own retries; nothing was changed, so the step may run again.
 */
export const INVENTORY_RETRY = retry({
  errors: [ERROR_NAMES.InventoryUnavailable],
  intervalSeconds: 1,
  maxAttempts: 3,
  backoffRate: 2,
  jitterStrategy: 'FULL',
});
export const SNS_RETRY = retry({
  errors: [
    'States.Timeout',
    'SNS.ThrottledException',
    'SNS.InternalErrorException',
    'SNS.KMSThrottlingException',
  ],
  intervalSeconds: 1,
  maxAttempts: 3,
  backoffRate: 2,
  jitterStrategy: 'FULL',
});

/** The SNS message for an order in `state` (no card data beyond type and last four digits). */
export function notification(state: string, extra: { reason?: string; chargeId?: string } = {}): string {
  const message: { [K in keyof OrderNotification]-?: string | undefined } = {
    orderId: '$orderId',
    state,
    customerId: summary('customerId'),
    orderTotal: summary('orderTotal'),
    items: `$append([], ${summary('items')})`,
    reason: extra.reason,
    chargeId: extra.chargeId,
    cardType: payment('cardType'),
    cardLast4: payment('cardLast4'),
  };
  return jsonata(jsonataObject(message));
}

/** The names of one outcome's notification: its Notify task and the outbox write behind it. */
export interface NotifyNames {
  readonly notify: string;
  readonly outbox: string;
}

/**
 * The last keeper of a notification: SNS refused it and so did the order row's outbox, each after every
 * retry. The execution fails with the notification as its Cause, so it is in the execution history and
 * ExecutionsFailed alarms; one state shared by the three outcomes.
 */
export function notificationNotKept(): Chainable {
  return JSONata.fail(STATE_NAMES.notificationNotKept, {
    comment: 'Neither sent nor kept: the Cause is the notification, for a person to send.',
    error: ERROR_NAMES.NotificationNotKept,
    cause: jsonata('$string($notification)'),
  });
}

/**
 * Publish `$notification` (assigned by the record step before it) with the subscription-filter attributes.
 * When SNS still refuses after the retries, the order row keeps the notification for re-sending (the outbox:
 * `PendingNotification`, with when and why) and the run ends as it would have: a recorded order is always
 * notified or flagged, never silently not. Both are open ends of the returned chain.
 */
export function notify<T>(
  refs: OrderWorkflowRefs<T>,
  names: NotifyNames,
  attributes: { state: string; outcome: 'PROCESSED' | 'DECLINED' | 'REJECTED' },
  notKept: Chainable,
): Chain<true> {
  const keep = JSONata.dynamoUpdateItem<T>(names.outbox, {
    comment: 'SNS kept refusing: the order row keeps the notification for re-sending (the outbox).',
    table: ordersTable(refs),
    key: ORDER_KEY,
    updateExpression: 'SET #message = :message, #failedAt = :failedAt, #error = :error',
    conditionExpression: 'attribute_exists(OrderId)',
    expressionAttributeNames: {
      '#message': 'PendingNotification',
      '#failedAt': 'NotificationFailedAt',
      '#error': 'NotificationError',
    },
    expressionAttributeValues: jsonata(
      jsonataObject({
        ':message': "{ 'S': $string($notification) }",
        ':failedAt': "{ 'S': $now() }",
        // The catcher hands on the error output: { Error, Cause }.
        ':error': "{ 'S': $states.input.Error }",
      }),
    ),
    timeoutSeconds: TASK_TIMEOUTS.dynamodb,
    retry: [DYNAMODB_RETRY],
    output: jsonata('$notification'),
    catch: [{ errors: ['States.ALL'], next: notKept }],
  });
  const publish = JSONata.snsPublish<T>(names.notify, {
    topicArn: refs.notificationTopicArn,
    message: jsonata('$string($notification)'),
    messageAttributes: attributes,
    timeoutSeconds: TASK_TIMEOUTS.sns,
    retry: [SNS_RETRY],
    output: jsonata('$notification'),
    catch: [{ errors: ['States.ALL'], next: keep }],
  });
  return new Chain<true>(publish, [publish, keep]);
}
