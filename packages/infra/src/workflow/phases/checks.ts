/**
 * Checks: verify the payment details and reserve the stock, in parallel (the seed's Parallel). Either both
 * hold and the order goes on to the charge, or the Parallel fails with a named rejection that the rejected
 * exit records (after giving back whatever was reserved).
 */
import { ERROR_NAMES, ORDER_STATES } from '@orders/shared-types';
import { type CatchRule, type Chainable, JSONata, jsonata, type ParallelState } from '../../asl/index.js';
import { state } from '../order-record.js';
import type { OrderWorkflowRefs } from '../order-workflow-refs.js';
import { ERROR_MESSAGE, ERROR_NAME, ORDER_ITEMS, rejectionOf, str, VERIFY_PAYLOAD } from '../rules.js';
import { STATE_NAMES as NAMES } from '../state-names.js';
import { INVENTORY_RETRY, TASK_TIMEOUTS } from './common.js';

/** The rejections the checks end in, by the error that routes them. */
const REJECTIONS = [
  [ERROR_NAMES.PaymentDetailsRejected, ORDER_STATES.PAYMENT_DETAILS_REJECTED],
  [ERROR_NAMES.OutOfStock, ORDER_STATES.OUT_OF_STOCK],
  [ERROR_NAMES.InvalidOrder, ORDER_STATES.INVALID_ORDER],
] as const;

/** Catch rules that send every failure of a step to `rejected` with `$rejection` set; any other error as FAILED. */
export function rejectionCatches(
  rejected: Chainable,
  named: typeof REJECTIONS | readonly [] = REJECTIONS,
): CatchRule<'JSONata'>[] {
  return [
    ...named.map(([error, orderState]) => ({
      errors: [error],
      assign: { rejection: jsonata(rejectionOf(state(orderState), str(error), ERROR_MESSAGE)) },
      next: rejected,
    })),
    {
      errors: ['States.ALL'],
      assign: { rejection: jsonata(rejectionOf(state(ORDER_STATES.FAILED), ERROR_NAME, ERROR_MESSAGE)) },
      next: rejected,
    },
  ];
}

/** Verify Payment And Reserve Stock: assigns `$payment` and `$reservation`; failures go to `rejected`. */
export function verifyAndReserve<T>(refs: OrderWorkflowRefs<T>, rejected: Chainable): ParallelState {
  const verifyPayment = JSONata.lambdaInvoke<T>(NAMES.verifyPayment, {
    comment: 'Throws PaymentDetailsRejected (with the reason) when the details do not verify.',
    functionArn: refs.verifyPaymentFunctionArn,
    payload: jsonata(VERIFY_PAYLOAD),
    timeoutSeconds: TASK_TIMEOUTS.lambda,
    output: jsonata('$states.result.Payload'),
  });
  const reserveStock = JSONata.lambdaInvoke<T>(NAMES.reserveStock, {
    comment:
      'All lines or none, in one DynamoDB transaction keyed by the order id (a repeat reserves nothing twice); ' +
      'throws OutOfStock naming every short item.',
    functionArn: refs.reserveStockFunctionArn,
    payload: { orderId: jsonata('$orderId'), items: jsonata(ORDER_ITEMS) },
    timeoutSeconds: TASK_TIMEOUTS.lambda,
    retry: [INVENTORY_RETRY],
    output: jsonata('$states.result.Payload'),
  });
  return JSONata.parallel(NAMES.verifyAndReserve, {
    branches: [verifyPayment, reserveStock],
    assign: { payment: jsonata('$states.result[0]'), reservation: jsonata('$states.result[1]') },
    catch: rejectionCatches(rejected),
  });
}
