/**
 * The workflow's JSONata rules, one named constant each (tested on their own in tests/workflow/rules.test.ts).
 * States refer to these names; nothing else in the workflow spells a rule out.
 */
import type {
  ChargePaymentResult,
  OrderRecordItem,
  ReserveStockResult,
  TokenizedOrder,
  VerifyPaymentResult,
} from '@orders/shared-types';
import { fields } from '../asl/index.js';
import { jsonataObject } from './private/jsonata-object.js';

/** The order projection every path records and notifies (no card data). */
export interface OrderSummary {
  readonly customerId: string;
  readonly orderTotal: number;
  readonly items: readonly OrderRecordItem[];
}

/** Why an order was not processed: the record's State, the Fail state's Error and the Cause. */
export interface Rejection {
  readonly state: string;
  readonly error: string;
  readonly reason: string;
}

// Typed references to the workflow's variables: a misspelt field fails tsc.
// The input is the intake's card-free order (`payment` holds the provider's token, never the card).
export const input = fields<TokenizedOrder & { paymentDetails?: unknown }>('$states.input');
export const order = fields<TokenizedOrder>('$order');
export const summary = fields<OrderSummary>('$summary');
export const payment = fields<VerifyPaymentResult>('$payment');
export const reservation = fields<ReserveStockResult>('$reservation');
export const charge = fields<ChargePaymentResult>('$charge');
export const rejection = fields<Rejection>('$rejection');

/** A JSONata string literal. JSONata knows JSON's escapes only (no `\'`), so a quote is written `\u0027`. */
export const str = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, '\\u0027')}'`;

/**
 * The order id: the input's `orderId` (the client's idempotency key) or else the execution name, so a re-run
 * of the same order always writes the same key (the original used a fresh States.UUID() per write).
 */
export const ORDER_ID = `${input('orderId')} ? $string(${input('orderId')}) : $states.context.Execution.Name`;

/**
 * An input that still carries the card (the original's `paymentDetails`, sent straight to StartExecution
 * instead of through the intake API, which tokenizes it): refused before anything is recorded or charged.
 */
export const CARRIES_CARD = `$exists(${input('paymentDetails')})`;

/** What the guard passes on: the order, or nothing when it carries the card (so no later event copies it). */
export const CARD_FREE_INPUT = `${CARRIES_CARD} ? {} : $states.input`;

/** The record-to-be, tolerant of invalid input (INVALID_ORDER orders are recorded too). */
export const ORDER_SUMMARY = jsonataObject({
  customerId: `$type(${input('customerId')}) = 'string' ? ${input('customerId')} : ''`,
  orderTotal: `$type(${input('orderTotal')}) = 'number' ? ${input('orderTotal')} : 0`,
  items: `$append([], ${input('orderContents.items')}.${jsonataObject({
    itemId: 'itemId',
    itemDescription: 'itemDescription',
    price: 'price',
    quantity: '$exists(quantity) ? quantity : 1',
  })})`,
} satisfies Record<keyof OrderSummary, string>);

/** What verify-payment gets: the order as received plus its id (the handlers' correlation id); odd input as it came. */
export const VERIFY_PAYLOAD = "$type($order) = 'object' ? $merge([$order, { 'orderId': $orderId }]) : $order";

/** The order's items for reserve-stock; a malformed order sends null, for reserve-stock to reject as InvalidOrder. */
export const ORDER_ITEMS = `$exists(${order('orderContents.items')}) ? ${order('orderContents.items')} : null`;

/**
 * A Lambda error document's `errorMessage` as a JSON string body: only characters and escapes JSON allows,
 * so `$parse` of it cannot fail (a Cause that merely starts with `{`, or a document cut short, does not match).
 * No `/` and no `\\` before a bracket, for JSONata's regex scanner.
 */
const LAMBDA_ERROR_MESSAGE = String.raw`/^\s*\{[\s\S]*?"errorMessage"\s*:\s*"((?:[^"\u005c\u0000-\u001f]|\u005c(?:["\u005cbfnrt\u002f]|u[0-9a-fA-F]{4}))*)"/`;

/**
 * The message of a caught error. A Lambda's error reaches Step Functions with the JSON error document as its
 * Cause (`{"errorType", "errorMessage", "trace"}`); records and notifications get the message only. Any other
 * Cause is kept as it is; an error without a Cause gives its name (a record's Reason is never empty).
 */
export const ERROR_MESSAGE = `(
  $cause := $states.errorOutput.Cause;
  $isText := $type($cause) = 'string' and $cause != '';
  $document := $isText ? $match($cause, ${LAMBDA_ERROR_MESSAGE})[0];
  $message := $document ? $parse('"' & $document.groups[0] & '"');
  $message ? $message : $isText ? $cause : $states.errorOutput.Error
)`.replace(/\s*\n\s*/g, ' ');

/** The caught error's name. */
export const ERROR_NAME = '$states.errorOutput.Error';

/** Why a charged order has no record: the order, the charge id and the error (the Cause of ChargeNotRecorded). */
export const CHARGE_NOT_RECORDED = `'Order ' & $orderId & ' was charged (chargeId ' & ${charge('chargeId')} & ') but recording it failed: ' & ${ERROR_NAME} & ': ' & ${ERROR_MESSAGE}`;

/** A rejection (record State, Fail Error, Cause) for the Assign of the Catch that routes to the exits. */
export function rejectionOf(state: string, error: string, reason: string): string {
  return jsonataObject({ state, error, reason } satisfies Record<keyof Rejection, string>);
}
