/**
 * The intake API's contract (`POST /orders`, `GET /orders/{id}`): what it answers, and the card-free order
 * it hands to the workflow. The request body is an {@link OrderInputJson} (the original's shape).
 */
import * as z from 'zod/mini';
import { CARD_TYPES, type CardType } from './card.js';
import {
  ORDER_FIELDS,
  OrderIdSchema,
  type OrderInput,
  orderTotalMatchesItems,
} from './order-input-schema.js';
import type { OrderState } from './order-states.js';
import { parseWithSchema } from './parse-order-input.js';

/** A card as the payment provider's vault holds it: the token stands for it everywhere else. */
export interface CardToken {
  /** Opaque and letters only (`tok_…`), so no card-number masker ever mistakes it for a card. */
  readonly token: string;
  readonly cardType: CardType;
  readonly cardLast4: string;
}

/** The token's shape: `tok_` and 24 lower-case letters. */
export const CARD_TOKEN_PATTERN = /^tok_[a-z]{24}$/;

/** The payment part of a card-free order: the provider's token, the card's brand and last four digits. */
export const TokenizedPaymentSchema = z.strictObject(
  {
    token: z
      .string({ error: 'expected a string' })
      .check(z.regex(CARD_TOKEN_PATTERN, { error: 'expected a card token (tok_ and 24 letters)' })),
    cardType: z.enum(CARD_TYPES, { error: `expected one of ${CARD_TYPES.join(', ')}` }),
    cardLast4: z
      .string({ error: 'expected a string' })
      .check(z.regex(/^\d{4}$/, { error: 'expected 4 digits' })),
  },
  { error: 'expected an object' },
);

/** The order the intake starts the workflow with: no card number and no expiry, only the token. */
export interface TokenizedOrder {
  readonly orderId: string;
  readonly orderContents: { readonly items: OrderInput['orderContents']['items'] };
  readonly orderTotal: number;
  readonly customerId: string;
  readonly payment: CardToken;
}

/**
 * {@link TokenizedOrder}'s schema, the workflow's input: the order's own rules (the total is the sum of the
 * lines) and a token where the card was. Strict, so an order that still carries `paymentDetails` is refused.
 */
export const TokenizedOrderSchema = z
  .strictObject(
    { orderId: OrderIdSchema, ...ORDER_FIELDS, payment: TokenizedPaymentSchema },
    { error: 'expected an object' },
  )
  .check(orderTotalMatchesItems);

/** Validate the workflow's card-free order; throws InvalidOrderError naming each bad field (root `order`). */
export function parseTokenizedOrder(value: unknown): z.output<typeof TokenizedOrderSchema> {
  return parseWithSchema(TokenizedOrderSchema, value);
}

/** `POST /orders`'s answer (202): the order id, where to follow it, and its state when it was accepted. */
export interface OrderAccepted {
  readonly orderId: string;
  /** `SUBMITTED` until the workflow has claimed the order, then the Orders table's state. */
  readonly state: OrderState | 'SUBMITTED';
  /** `/orders/{orderId}`, as in the Location header. */
  readonly location: string;
}

/**
 * `GET /orders/{id}`'s answer for an order accepted but not yet claimed by the workflow (its execution is
 * running, its row not written yet): so a client that follows the Location at once never gets a 404.
 */
export interface OrderSubmitted {
  readonly orderId: string;
  readonly state: 'SUBMITTED';
}

/** `GET /orders/{id}`'s answer: the Orders table's row, the card only as type and last four digits. */
export interface OrderStatus {
  readonly orderId: string;
  readonly state: OrderState;
  /** Why the order did not end in PAYMENT_PROCESSED. */
  readonly reason?: string;
  readonly customerId: string;
  readonly orderTotal: number;
  readonly items: readonly { readonly itemId: string; readonly quantity: number; readonly price: number }[];
  readonly card?: { readonly type: string; readonly last4: string };
  readonly chargeId?: string;
  readonly createdAt: string;
  readonly updatedAt?: string;
}

/** Every error answer of the intake API: a name, a message, and for a bad request each field's problem. */
export interface IntakeError {
  readonly error: string;
  readonly message: string;
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}
