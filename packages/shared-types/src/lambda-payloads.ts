import * as z from 'zod/mini';
import type { CardType } from './card.js';
import {
  MAX_AMOUNT,
  OrderIdSchema,
  type OrderInputJson,
  type OrderItem,
  OrderItemsSchema,
  type ParsedOrderItem,
  PaymentDetailsSchema,
} from './order-input-schema.js';
import { parseWithSchema } from './parse-order-input.js';

// What flows between the workflow's states: each Lambda's event (the lambda:invoke `Payload`) and result.

/** verify-payment's event: the whole order, exactly as the workflow received it. */
export type VerifyPaymentEvent = OrderInputJson;

/** verify-payment's result. `reason` says why when `paymentVerified` is false; card data is masked. */
export interface VerifyPaymentResult {
  readonly paymentVerified: boolean;
  readonly reason?: string;
  readonly cardType: CardType;
  /** The card number's last four digits, the only card digits allowed past verify-payment. */
  readonly cardLast4: string;
}

/** retrieve-stock's event: the order's items (`$.orderContents.items`). */
export const RetrieveStockEventSchema = z.object(
  { orderId: z.optional(OrderIdSchema), items: OrderItemsSchema },
  { error: 'expected an object' },
);
/** retrieve-stock's event as the workflow sends it. */
export interface RetrieveStockEvent {
  /** The order the items belong to: the correlation id of the handler's log lines. */
  readonly orderId?: string;
  readonly items: readonly OrderItem[];
}

/**
 * One order line with its stock level: `quantity` filled in, `quantityOrdered` the total of all lines of this
 * itemId (two lines of 3 need 6 in stock), `inStock` when the stock covers `quantityOrdered`.
 */
export type StockedItem = ParsedOrderItem & {
  quantity: number;
  quantityOrdered: number;
  quantityInStock: number;
  inStock: boolean;
};

/** retrieve-stock's result. */
export interface RetrieveStockResult {
  readonly items: StockedItem[];
  /** True when every item has at least the quantity ordered in stock. */
  readonly allInStock: boolean;
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
    paymentDetails: PaymentDetailsSchema,
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

/** Validate retrieve-stock's event; throws InvalidOrderError naming each bad field (root `event`). */
export function parseRetrieveStockEvent(value: unknown): z.output<typeof RetrieveStockEventSchema> {
  return parseWithSchema(RetrieveStockEventSchema, value, 'event');
}

/** Validate charge-payment's event; throws InvalidOrderError naming each bad field (root `event`). */
export function parseChargePaymentEvent(value: unknown): z.output<typeof ChargePaymentEventSchema> {
  return parseWithSchema(ChargePaymentEventSchema, value, 'event');
}
