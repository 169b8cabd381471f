import * as z from 'zod/mini';
import { CARD_TYPES, normalizeCardNumber } from './card.js';
import { formatCents, isWholeCents, toCents } from './money.js';
import { SENSITIVE_META } from './sensitive-fields.js';

// zod/mini (the tree-shakable build of zod 4) keeps the Lambda bundles small; the API is zod's, as
// functions. Every check carries its own message ("expected ..."); the formatter adds the path and value.

/** Largest amount (price or total) we accept: keeps every amount in cents a safe integer. */
export const MAX_AMOUNT = 1_000_000_000;
/** Most items one order may hold. */
export const MAX_ITEMS = 1000;
/**
 * Idempotency keys become DynamoDB keys, and the workflow takes the execution name as the order id when the
 * input has none, so both follow Step Functions' execution-name rules: 1-80 characters, no whitespace, none
 * of < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : / and no control characters.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the class excludes control characters, as AWS does
export const ORDER_ID_PATTERN = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;
const ORDER_ID_RULE =
  'expected 1 to 80 characters without whitespace or any of < > { } [ ] ? * " # % \\ ^ | ~ ` $ & , ; : / (the Step Functions execution-name rules)';

function text(max: number) {
  return z
    .string({ error: 'expected a string' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'expected a non-empty string' }),
      z.maxLength(max, { error: `expected at most ${max} characters` }),
    );
}

function amount() {
  return z
    .number({ error: 'expected a number' })
    .check(
      z.positive({ error: 'expected a positive number' }),
      z.maximum(MAX_AMOUNT, { error: `expected at most ${MAX_AMOUNT}` }),
      z.refine(isWholeCents, { error: 'expected at most 2 decimal places' }),
    );
}

/** Attach JSON Schema metadata (description, sensitivity) to a schema; returns the schema. */
function described<S extends z.ZodMiniType>(schema: S, meta: z.core.GlobalMeta): S {
  z.globalRegistry.add(schema, meta);
  return schema;
}

/** The client's idempotency key for an order (any valid execution name). */
export const OrderIdSchema = described(
  z.string({ error: 'expected a string' }).check(z.regex(ORDER_ID_PATTERN, { error: ORDER_ID_RULE })),
  { description: 'Idempotency key chosen by the client; also the order record key.' },
);

/** One line of an order. `quantity` is optional on input and defaults to 1. */
export const OrderItemSchema = z.strictObject(
  {
    itemId: described(text(128), { description: 'Inventory key (ItemId).' }),
    price: described(amount(), { description: 'Unit price, at most 2 decimals.' }),
    itemDescription: text(500),
    quantity: described(
      z._default(
        z
          .int({
            error: (issue) =>
              typeof issue.input === 'number' ? 'expected a whole number' : 'expected a number',
          })
          .check(
            z.positive({ error: 'expected a positive whole number' }),
            z.maximum(10_000, { error: 'expected at most 10000' }),
          ),
        1,
      ),
      { description: 'How many units (a whole number); defaults to 1.' },
    ),
  },
  { error: 'expected an object' },
);

/** The card used to pay. `cardNumber` and `expiration` are sensitive (see SENSITIVE_FIELDS). */
export const PaymentDetailsSchema = z.strictObject(
  {
    name: described(text(100), { description: "Card holder's name." }),
    cardType: z.enum(CARD_TYPES, { error: `expected one of ${CARD_TYPES.join(', ')}` }),
    cardNumber: described(
      z.string({ error: 'expected a string' }).check(
        z.regex(/^\d(?:[ -]?\d)*$/, { error: 'expected digits, optionally grouped by spaces or dashes' }),
        z.refine((n) => normalizeCardNumber(n).length >= 12 && normalizeCardNumber(n).length <= 19, {
          error: 'expected 12 to 19 digits',
        }),
      ),
      { ...SENSITIVE_META, description: 'Card number (PAN); spaces and dashes allowed.' },
    ),
    expiration: described(
      z
        .string({ error: 'expected a string' })
        .check(z.regex(/^(0[1-9]|1[0-2])\/\d{2}$/, { error: 'expected MM/YY' })),
      { ...SENSITIVE_META, description: 'Expiry month and year, MM/YY.' },
    ),
  },
  { error: 'expected an object' },
);

/** A non-empty list of order lines. */
export const OrderItemsSchema = z
  .array(OrderItemSchema, { error: 'expected an array' })
  .check(
    z.minLength(1, { error: 'expected at least one item' }),
    z.maxLength(MAX_ITEMS, { error: `expected at most ${MAX_ITEMS} items` }),
  );

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

/** The fields every order has, whatever carries its payment: the lines, the total and the customer. */
export const ORDER_FIELDS = {
  orderContents: z.strictObject({ items: OrderItemsSchema }, { error: 'expected an object' }),
  orderTotal: described(amount(), { description: 'Sum of price x quantity over the items.' }),
  customerId: text(128),
};

/** The check that `orderTotal` is the sum of price x quantity, in integer cents (0.1 + 0.2 orders pass). */
export const orderTotalMatchesItems = z.superRefine(
  (order: { orderContents?: { items?: unknown }; orderTotal?: unknown }, ctx) => {
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
  },
);

/**
 * The order as the client sends it: the original project's shape plus the optional `orderId`
 * (idempotency key) and per-item `quantity` (default 1). `orderTotal` must equal the sum of
 * price x quantity, compared in integer cents so that 0.1 + 0.2 orders pass.
 */
export const OrderInputSchema = described(
  z
    .strictObject(
      { orderId: z.optional(OrderIdSchema), ...ORDER_FIELDS, paymentDetails: PaymentDetailsSchema },
      { error: 'expected an object' },
    )
    .check(orderTotalMatchesItems),
  {
    title: 'Order input',
    description:
      'An order submitted to the order processing workflow. orderTotal must equal the sum of price x quantity ' +
      '(compared in integer cents). Fields marked "sensitive": true hold card data.',
  },
);

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
