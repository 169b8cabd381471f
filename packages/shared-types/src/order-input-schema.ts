import { z } from 'zod';
import { CARD_TYPES, normalizeCardNumber } from './card.js';
import { formatCents, isWholeCents, toCents } from './money.js';
import { SENSITIVE_META } from './sensitive-fields.js';

// Every check carries its own message ("expected ..."); the formatter adds the field path and the value.

/** Largest amount (price or total) we accept: keeps every amount in cents a safe integer. */
export const MAX_AMOUNT = 1_000_000_000;
/** Most items one order may hold. */
export const MAX_ITEMS = 1000;
/** Idempotency keys become DynamoDB keys and may become execution names (80 chars, no specials). */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

function text(max: number) {
  return z
    .string({ error: 'expected a string' })
    .trim()
    .min(1, { error: 'expected a non-empty string' })
    .max(max, { error: `expected at most ${max} characters` });
}

function amount() {
  return z
    .number({ error: 'expected a number' })
    .positive({ error: 'expected a positive number' })
    .max(MAX_AMOUNT, { error: `expected at most ${MAX_AMOUNT}` })
    .refine(isWholeCents, { error: 'expected at most 2 decimal places' });
}

/** The client's idempotency key for an order: 1-80 characters of A-Z a-z 0-9 - _. */
export const OrderIdSchema = z
  .string({ error: 'expected a string' })
  .regex(ORDER_ID_PATTERN, { error: 'expected 1 to 80 characters of A-Z a-z 0-9 - _' })
  .meta({ description: 'Idempotency key chosen by the client; also the order record key.' });

/** One line of an order. `quantity` is optional on input and defaults to 1. */
export const OrderItemSchema = z.strictObject(
  {
    itemId: text(128).meta({ description: 'Inventory key (ItemId).' }),
    price: amount().meta({ description: 'Unit price, at most 2 decimals.' }),
    itemDescription: text(500),
    quantity: z
      .number({ error: 'expected a number' })
      .int({ error: 'expected a whole number' })
      .positive({ error: 'expected a positive whole number' })
      .max(10_000, { error: 'expected at most 10000' })
      .default(1)
      .meta({ description: 'How many units; defaults to 1.' }),
  },
  { error: 'expected an object' },
);

/** The card used to pay. `cardNumber` and `expiration` are sensitive (see SENSITIVE_FIELDS). */
export const PaymentDetailsSchema = z.strictObject(
  {
    name: text(100).meta({ description: "Card holder's name." }),
    cardType: z.enum(CARD_TYPES, { error: `expected one of ${CARD_TYPES.join(', ')}` }),
    cardNumber: z
      .string({ error: 'expected a string' })
      .regex(/^\d(?:[ -]?\d)*$/, { error: 'expected digits, optionally grouped by spaces or dashes' })
      .refine((n) => normalizeCardNumber(n).length >= 12 && normalizeCardNumber(n).length <= 19, {
        error: 'expected 12 to 19 digits',
      })
      .meta({ ...SENSITIVE_META, description: 'Card number (PAN); spaces and dashes allowed.' }),
    expiration: z
      .string({ error: 'expected a string' })
      .regex(/^(0[1-9]|1[0-2])\/\d{2}$/, { error: 'expected MM/YY' })
      .meta({ ...SENSITIVE_META, description: 'Expiry month and year, MM/YY.' }),
  },
  { error: 'expected an object' },
);

/** A non-empty list of order lines. */
export const OrderItemsSchema = z
  .array(OrderItemSchema, { error: 'expected an array' })
  .min(1, { error: 'expected at least one item' })
  .max(MAX_ITEMS, { error: `expected at most ${MAX_ITEMS} items` });

/** Sum of price x quantity over valid lines, in integer cents; undefined when a line is not yet valid. */
function expectedTotalCents(
  items: ReadonlyArray<{ price?: unknown; quantity?: unknown }>,
): number | undefined {
  let cents = 0;
  for (const item of items) {
    const quantity = item.quantity ?? 1;
    const validPrice = typeof item.price === 'number' && item.price > 0 && isWholeCents(item.price);
    if (!validPrice || !Number.isInteger(quantity) || (quantity as number) < 1) return undefined;
    cents += toCents(item.price as number) * (quantity as number);
  }
  return cents;
}

/**
 * The order as the client sends it: the original project's shape plus the optional `orderId`
 * (idempotency key) and per-item `quantity` (default 1). `orderTotal` must equal the sum of
 * price x quantity, compared in integer cents so that 0.1 + 0.2 orders pass.
 */
export const OrderInputSchema = z
  .strictObject(
    {
      orderId: OrderIdSchema.optional(),
      orderContents: z.strictObject({ items: OrderItemsSchema }, { error: 'expected an object' }),
      orderTotal: amount().meta({ description: 'Sum of price x quantity over the items.' }),
      customerId: text(128),
      paymentDetails: PaymentDetailsSchema,
    },
    { error: 'expected an object' },
  )
  .superRefine((order, ctx) => {
    // Refinements can run while other fields are still invalid: only compare when every line parsed.
    const items: unknown = order.orderContents?.items;
    if (!Array.isArray(items) || typeof order.orderTotal !== 'number') return;
    const expected = expectedTotalCents(items);
    if (expected === undefined || toCents(order.orderTotal) === expected) return;
    ctx.addIssue({
      code: 'custom',
      path: ['orderTotal'],
      message: `expected the sum of price x quantity (${formatCents(expected)})`,
    });
  })
  .meta({
    title: 'Order input',
    description:
      'An order submitted to the order processing workflow. orderTotal must equal the sum of price x quantity ' +
      '(compared in integer cents). Fields marked "sensitive": true hold card data.',
  });

/** The order after parsing: strings trimmed, every item's `quantity` filled in. */
export type OrderInput = z.output<typeof OrderInputSchema>;
/** The order as a client writes it (`orderId` and item `quantity` optional). */
export type OrderInputJson = z.input<typeof OrderInputSchema>;
/** One order line as the client writes it (`quantity` optional). */
export type OrderItem = z.input<typeof OrderItemSchema>;
/** One order line after parsing (`quantity` filled in). */
export type ParsedOrderItem = z.output<typeof OrderItemSchema>;
/** The payment details of an order. */
export type PaymentDetails = z.output<typeof PaymentDetailsSchema>;
