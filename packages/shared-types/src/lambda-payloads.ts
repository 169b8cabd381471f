import * as z from 'zod/mini';
import type { CardType } from './card.js';
import { type TokenizedOrder, TokenizedPaymentSchema } from './intake.js';
import { MAX_AMOUNT, OrderIdSchema, type OrderItem, OrderItemsSchema } from './order-input-schema.js';
import type { ReservedItem } from './order-record.js';
import { parseWithSchema } from './parse-order-input.js';

// What flows between the workflow's states: each Lambda's event (the lambda:invoke `Payload`) and result.

/** verify-payment's event: the whole card-free order, as the workflow received it, with its order id. */
export type VerifyPaymentEvent = TokenizedOrder;

/**
 * verify-payment's result. Details that do not verify are not a result: verify-payment throws
 * `PaymentDetailsRejected` with the reason (masked), so the workflow needs no Choice state to stop.
 */
export interface VerifyPaymentResult {
  readonly paymentVerified: true;
  readonly cardType: CardType;
  /** The card number's last four digits, the only card digits allowed past verify-payment. */
  readonly cardLast4: string;
}

/** reserve-stock's event: the order id (the reservation's key) and the order's items. */
export const ReserveStockEventSchema = z.object(
  { orderId: OrderIdSchema, items: OrderItemsSchema },
  { error: 'expected an object' },
);
/** reserve-stock's event as the workflow sends it. */
export interface ReserveStockEvent {
  /** The order the reservation belongs to (one reservation per order id) and the logs' correlation id. */
  readonly orderId: string;
  readonly items: readonly OrderItem[];
}

/**
 * reserve-stock's result: what the order holds now. `alreadyReserved` when an earlier attempt for the same
 * order id had reserved it (a retry or a repeated step reserves nothing twice).
 */
export interface ReserveStockResult {
  readonly reservedItems: ReservedItem[];
  readonly reservedAt: string;
  readonly alreadyReserved: boolean;
}

/** release-stock's event: the order whose reservation is given back. */
export const ReleaseStockEventSchema = z.object({ orderId: OrderIdSchema }, { error: 'expected an object' });
/** release-stock's event as the workflow sends it. */
export interface ReleaseStockEvent {
  readonly orderId: string;
}

/**
 * release-stock's result. `releasedItems` is what this call gave back (empty when nothing was reserved or
 * an earlier call released it: `alreadyReleased`).
 */
export interface ReleaseStockResult {
  readonly releasedItems: ReservedItem[];
  readonly releasedAt: string;
  readonly alreadyReleased: boolean;
}

/** charge-payment's event. Extra fields from the workflow state are ignored. */
export const ChargePaymentEventSchema = z.object(
  {
    orderId: OrderIdSchema,
    customerId: z
      .string({ error: 'expected a string' })
      .check(z.minLength(1, { error: 'expected a non-empty string' })),
    orderTotal: z
      .number({ error: 'expected a number' })
      .check(
        z.positive({ error: 'expected a positive number' }),
        z.maximum(MAX_AMOUNT, { error: `expected at most ${MAX_AMOUNT}` }),
      ),
    payment: TokenizedPaymentSchema,
  },
  { error: 'expected an object' },
);
/** charge-payment's event as the workflow sends it. */
export type ChargePaymentEvent = z.input<typeof ChargePaymentEventSchema>;

/** charge-payment's result (a decline is thrown as PaymentError, never returned). */
export interface ChargePaymentResult {
  readonly paymentResult: 'SUCCESS';
  readonly chargeId: string;
}

/** Validate reserve-stock's event; throws InvalidOrderError naming each bad field (root `event`). */
export function parseReserveStockEvent(value: unknown): z.output<typeof ReserveStockEventSchema> {
  return parseWithSchema(ReserveStockEventSchema, value, 'event');
}

/** Validate release-stock's event; throws InvalidOrderError naming each bad field (root `event`). */
export function parseReleaseStockEvent(value: unknown): z.output<typeof ReleaseStockEventSchema> {
  return parseWithSchema(ReleaseStockEventSchema, value, 'event');
}

/** Validate charge-payment's event; throws InvalidOrderError naming each bad field (root `event`). */
export function parseChargePaymentEvent(value: unknown): z.output<typeof ChargePaymentEventSchema> {
  return parseWithSchema(ChargePaymentEventSchema, value, 'event');
}
