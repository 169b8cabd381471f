/**
 * The exits that did not sell: give back the reserved stock (exactly once: release-stock is idempotent and
 * also refuses a reservation that arrives late), record the outcome, notify. Declined orders end SUCCEEDED
 * (as in the original: the order was handled); rejected ones fail with the rejection's Error and Cause.
 */
import { ORDER_STATES } from '@orders/shared-types';
import { type Chain, type Chainable, chain, JSONata, jsonata, retry } from '../../asl/index.js';
import { asString, orderUpdate, state } from '../order-record.js';
import type { OrderWorkflowRefs } from '../order-workflow-refs.js';
import { payment, rejection } from '../rules.js';
import { STATE_NAMES as NAMES } from '../state-names.js';
import {
  DYNAMODB_RETRY,
  INVENTORY_RETRY,
  type NotifyNames,
  notification,
  notify,
  ORDER_KEY,
  ordersTable,
  TASK_TIMEOUTS,
} from './common.js';

const RELEASE_RETRY = retry({
  errors: ['States.ALL'],
  intervalSeconds: 2,
  maxAttempts: 6,
  backoffRate: 2,
  jitterStrategy: 'FULL',
});

interface ExitNames extends NotifyNames {
  readonly release: string;
  readonly record: string;
}

/** Release → Record (State from `$rejection`, or `recordState`) → Notify. */
function releaseRecordNotify<T>(
  refs: OrderWorkflowRefs<T>,
  names: ExitNames,
  recordState: { expression: string; attribute: string },
  outcome: 'DECLINED' | 'REJECTED',
  notKept: Chainable,
): Chain<true> {
  const release = JSONata.lambdaInvoke<T>(names.release, {
    functionArn: refs.releaseStockFunctionArn,
    payload: { orderId: jsonata('$orderId') },
    timeoutSeconds: TASK_TIMEOUTS.lambda,
    // A busy inventory is worth another try here more than anywhere: a release that gives up holds the stock.
    // A release is idempotent (ReleasedAt), so any other failure (a timeout) is worth a retry too.
    retry: [INVENTORY_RETRY, RELEASE_RETRY],
    output: jsonata('$states.result.Payload'),
  });
  const record = JSONata.dynamoUpdateItem<T>(names.record, {
    table: ordersTable(refs),
    key: ORDER_KEY,
    ...orderUpdate({
      // From RECEIVED, or a repeat of this very write.
      from: [state(ORDER_STATES.RECEIVED), recordState.expression],
      set: {
        State: asString(recordState.expression),
        Reason: asString(rejection('reason')),
        CardType: asString(payment('cardType'), `$exists(${payment('cardType')})`),
        CardLast4: asString(payment('cardLast4'), `$exists(${payment('cardLast4')})`),
        UpdatedAt: asString('$now()'),
      },
    }),
    timeoutSeconds: TASK_TIMEOUTS.dynamodb,
    retry: [DYNAMODB_RETRY],
    assign: { notification: notification(recordState.expression, { reason: rejection('reason') }) },
  });
  return chain(release, record, notify(refs, names, { state: recordState.attribute, outcome }, notKept));
}

/** The declined exit: the charge was declined (PaymentError); ends SUCCEEDED. */
export function declinedExit<T>(refs: OrderWorkflowRefs<T>, notKept: Chainable): Chainable {
  return releaseRecordNotify(
    refs,
    {
      release: NAMES.releaseDeclined,
      record: NAMES.recordDeclined,
      notify: NAMES.notifyDeclined,
      outbox: NAMES.outboxDeclined,
    },
    { expression: state(ORDER_STATES.PAYMENT_FAILED), attribute: ORDER_STATES.PAYMENT_FAILED },
    'DECLINED',
    notKept,
  );
}

/** The rejected exit: not charged (the checks refused, or a step failed); fails with `$rejection`. */
export function rejectedExit<T>(refs: OrderWorkflowRefs<T>, notKept: Chainable): Chainable {
  return releaseRecordNotify(
    refs,
    {
      release: NAMES.releaseRejected,
      record: NAMES.recordRejected,
      notify: NAMES.notifyRejected,
      outbox: NAMES.outboxRejected,
    },
    { expression: rejection('state'), attribute: jsonata(rejection('state')) },
    'REJECTED',
    notKept,
  ).next(
    JSONata.fail(NAMES.orderRejected, {
      comment: 'Recorded and notified; the execution fails with the reason (an ERROR_NAMES value).',
      error: jsonata(rejection('error')),
      cause: jsonata(rejection('reason')),
    }),
  );
}
