/**
 * The guard before the claim: an input with the card in it (the original's `paymentDetails`, sent to
 * StartExecution instead of `POST /orders`) fails as InvalidOrder before anything is recorded or charged.
 * The guard passes nothing on for it, so the card stays in the execution's input alone.
 */
export function refuseCardData(next: Chainable): ChoiceState {
  const refused = JSONata.fail(NAMES.cardDataRefused, {
    comment: 'No card number enters the workflow: the intake API tokenizes it.',
    error: ERROR_NAMES.InvalidOrder,
    cause:
      'The order carries paymentDetails (a card number and expiry): submit it to the intake API (POST /orders), ' +
      'which tokenizes the card. Nothing was recorded or charged.',
  });
  return JSONata.choice(NAMES.cardInInput, { output: jsonata(CARD_FREE_INPUT) })
    .when(Condition.jsonata(CARRIES_CARD), refused, { comment: 'the card itself, not a token' })
    .otherwise(next);
}

/**
 * Claim: the first step writes the order row as RECEIVED, on the condition that no other execution owns the
 * order id (one conditional write instead of a lookup and a Choice). A resubmission loses the condition and
 * goes to the duplicate exit, which answers with what the first run recorded.
 */
import { ERROR_NAMES, ORDER_STATES, type OrderRecordAttributes } from '@orders/shared-types';
import {
  type Chainable,
  type ChoiceState,
  Condition,
  fields,
  JSONata,
  jsonata,
  type TaskState,
} from '../../asl/index.js';
import { asNumber, asString, orderUpdate, state } from '../order-record.js';
import type { OrderWorkflowRefs } from '../order-workflow-refs.js';
import { jsonataObject } from '../private/jsonata-object.js';
import { CARD_FREE_INPUT, CARRIES_CARD, ORDER_ID, ORDER_SUMMARY, str, summary } from '../rules.js';
import { STATE_NAMES as NAMES } from '../state-names.js';
import { DYNAMODB_RETRY, ordersTable, TASK_TIMEOUTS } from './common.js';

/** Claim Order: the order row as RECEIVED; catches the lost condition into `duplicate`. */
export function claimOrder<T>(refs: OrderWorkflowRefs<T>, duplicate: Chainable): TaskState<T> {
  const update = orderUpdate({
    from: 'claim',
    bind: `$summary := ${ORDER_SUMMARY}`,
    set: {
      State: asString(state(ORDER_STATES.RECEIVED)),
      CustomerId: asString(summary('customerId')),
      OrderTotal: asNumber(summary('orderTotal')),
      Items: asString(`$string(${summary('items')})`),
      CreatedAt: asString('$states.context.Execution.StartTime'),
      UpdatedAt: asString('$now()'),
      ExecutionId: asString('$states.context.Execution.Id'),
    },
  });
  return JSONata.dynamoUpdateItem<T>(NAMES.claimOrder, {
    comment:
      'The idempotency step: the order id is the input orderId, else the execution name (never a random id).',
    table: ordersTable(refs),
    key: { OrderId: { S: jsonata(ORDER_ID) } },
    ...update,
    timeoutSeconds: TASK_TIMEOUTS.dynamodb,
    retry: [DYNAMODB_RETRY],
    assign: {
      orderId: jsonata(ORDER_ID),
      order: jsonata('$states.input'),
      summary: jsonata(ORDER_SUMMARY),
      payment: {},
      charge: {},
    },
    // A Catch skips the state's Assign: the duplicate exit needs the order id from the catcher.
    catch: [
      {
        errors: ['DynamoDB.ConditionalCheckFailedException'],
        assign: { orderId: jsonata(ORDER_ID) },
        next: duplicate,
      },
    ],
  });
}

/** What `getItem` returns for an order that is already recorded. */
const existing = fields<{ Item?: OrderRecordAttributes }>('$states.input');

/** The duplicate exit: read what the first run recorded and answer as it did (nothing charged again). */
export function duplicateExit<T>(refs: OrderWorkflowRefs<T>): Chainable {
  const duplicateOrder = JSONata.fail(NAMES.duplicateOrder, {
    comment:
      'The order id is already recorded (an earlier run or a concurrent one): nothing is charged again.',
    error: ERROR_NAMES.DuplicateOrder,
    cause: jsonata(
      `'Order ' & $orderId & ' is already recorded' & (${existing('Item.State.S')} ? ' as ' & ${existing('Item.State.S')} : '') & '; resubmit with a new orderId'`,
    ),
  });
  const returnRecorded = JSONata.succeed(NAMES.returnRecorded, {
    comment:
      'A resubmission of an order whose first run succeeded (charged or declined) ends the same way, with the stored record.',
    output: jsonata(
      jsonataObject({
        orderId: '$orderId',
        state: existing('Item.State.S'),
        chargeId: existing('Item.ChargeId.S'),
        reason: existing('Item.Reason.S'),
        duplicate: 'true',
      }),
    ),
  });
  const findRecorded = JSONata.dynamoGetItem<T>(NAMES.findRecorded, {
    table: ordersTable(refs),
    key: { OrderId: { S: jsonata('$orderId') } },
    consistentRead: true,
    timeoutSeconds: TASK_TIMEOUTS.dynamodb,
    retry: [DYNAMODB_RETRY],
  });
  const finished = [ORDER_STATES.PAYMENT_PROCESSED, ORDER_STATES.PAYMENT_FAILED].map(str).join(', ');
  return findRecorded.next(
    JSONata.choice(NAMES.alreadyRecorded)
      .when(Condition.jsonata(`${existing('Item.State.S')} in [${finished}]`), returnRecorded, {
        comment: 'already charged or declined',
      })
      .otherwise(duplicateOrder),
  );
}
