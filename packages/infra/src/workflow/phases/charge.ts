/**
 * Charge and record: charge the card once per order id, record the order as PAYMENT_PROCESSED (the sold
 * reservation stays taken) and notify. A decline goes to the declined exit; a charge whose record cannot be
 * written fails the execution as ChargeNotRecorded with the charge id in its Cause (alarmed), never silently.
 */
import { ERROR_NAMES, ORDER_STATES } from '@orders/shared-types';
import { type Chainable, chain, JSONata, jsonata, retry, type TaskState } from '../../asl/index.js';
import { asString, orderUpdate, state } from '../order-record.js';
import type { OrderWorkflowRefs } from '../order-workflow-refs.js';
import { jsonataObject } from '../private/jsonata-object.js';
import { CHARGE_NOT_RECORDED, charge, ERROR_MESSAGE, order, payment, rejectionOf, str } from '../rules.js';
import { STATE_NAMES as NAMES } from '../state-names.js';
import { rejectionCatches } from './checks.js';
import { notification, notify, ORDER_KEY, ordersTable, TASK_TIMEOUTS } from './common.js';

/** Answers about the order or the card are final; anything else is worth another attempt of the same charge. */
const CHARGE_RETRY = [
  retry({
    errors: [ERROR_NAMES.PaymentError, ERROR_NAMES.InvalidOrder, ERROR_NAMES.DuplicateOrder],
    maxAttempts: 0,
  }),
  retry({
    errors: ['States.ALL'],
    intervalSeconds: 2,
    maxAttempts: 3,
    backoffRate: 2,
    jitterStrategy: 'FULL',
  }),
];

/** Charge Payment: assigns `$charge`; a decline goes to `declined`, any other failure to `rejected`. */
export function chargePayment<T>(
  refs: OrderWorkflowRefs<T>,
  exits: { declined: Chainable; rejected: Chainable },
): TaskState<T> {
  return JSONata.lambdaInvoke<T>(NAMES.chargePayment, {
    comment:
      'charge-payment charges the token with the orderId as its idempotency key: a repeat never charges twice.',
    functionArn: refs.chargePaymentFunctionArn,
    payload: jsonata(
      jsonataObject({
        orderId: '$orderId',
        customerId: order('customerId'),
        orderTotal: order('orderTotal'),
        payment: order('payment'),
      }),
    ),
    timeoutSeconds: TASK_TIMEOUTS.lambda,
    // A failure that says nothing about the card (a timeout, a crash) may come after the provider charged:
    // charge again, which the order id as idempotency key makes safe, before giving the stock back.
    retry: CHARGE_RETRY,
    assign: { charge: jsonata('$states.result.Payload') },
    catch: [
      {
        errors: [ERROR_NAMES.PaymentError],
        assign: {
          rejection: jsonata(
            rejectionOf(state(ORDER_STATES.PAYMENT_FAILED), str(ERROR_NAMES.PaymentError), ERROR_MESSAGE),
          ),
        },
        next: exits.declined,
      },
      ...rejectionCatches(exits.rejected, []),
    ],
  });
}

/** The retries of the one write that must not be lost: more patient than the other writes. */
const RECORD_CHARGE_RETRY = [
  // The row refused the move (not RECEIVED, or its reservation given back): asking again changes nothing.
  retry({ errors: ['DynamoDB.ConditionalCheckFailedException'], maxAttempts: 0 }),
  retry({
    errors: ['States.ALL'],
    intervalSeconds: 1,
    maxAttempts: 5,
    backoffRate: 2,
    jitterStrategy: 'FULL',
  }),
];

/** Record Processed Order → Notify Order Processed (the end of the happy path). */
export function recordProcessed<T>(refs: OrderWorkflowRefs<T>, notKept: Chainable): Chainable {
  const chargeNotRecorded = JSONata.fail(NAMES.chargeNotRecorded, {
    comment:
      'Charged but not recorded after every retry: the Cause keeps the charge id; an alarm watches for it.',
    error: ERROR_NAMES.ChargeNotRecorded,
    cause: jsonata('$notRecorded'),
  });
  const record = JSONata.dynamoUpdateItem<T>(NAMES.recordProcessed, {
    comment: 'Moves RECEIVED to PAYMENT_PROCESSED (or repeats its own write): the reservation is now sold.',
    table: ordersTable(refs),
    key: ORDER_KEY,
    ...orderUpdate({
      // A repeat of this write (same charge) finds its own state.
      from: [state(ORDER_STATES.RECEIVED), state(ORDER_STATES.PAYMENT_PROCESSED)],
      set: {
        State: asString(state(ORDER_STATES.PAYMENT_PROCESSED)),
        ChargeId: asString(charge('chargeId')),
        CardType: asString(payment('cardType')),
        CardLast4: asString(payment('cardLast4')),
        UpdatedAt: asString('$now()'),
      },
      remove: ['ReservationExpiresAt'],
      // Sold stock is reserved stock: never record a sale whose reservation was given back.
      alsoRequire: 'attribute_exists(ReservedAt) AND attribute_not_exists(ReleasedAt)',
    }),
    timeoutSeconds: TASK_TIMEOUTS.dynamodb,
    retry: RECORD_CHARGE_RETRY,
    assign: {
      notification: notification(state(ORDER_STATES.PAYMENT_PROCESSED), { chargeId: charge('chargeId') }),
    },
    catch: [
      {
        errors: ['States.ALL'],
        assign: { notRecorded: jsonata(CHARGE_NOT_RECORDED) },
        next: chargeNotRecorded,
      },
    ],
  });
  return chain(
    record,
    notify(
      refs,
      { notify: NAMES.notifyProcessed, outbox: NAMES.outboxProcessed },
      { state: ORDER_STATES.PAYMENT_PROCESSED, outcome: 'PROCESSED' },
      notKept,
    ),
  );
}
