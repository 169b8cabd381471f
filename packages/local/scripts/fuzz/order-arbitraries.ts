import { INVENTORY_FIXTURE, TEST_CARDS, toCents } from '@orders/shared-types';
import orderSchema from '@orders/shared-types/schema/order-input.schema.json' with { type: 'json' };
import fc from 'fast-check';
import { arbitraryFromSchema, type JsonSchema } from './schema-arbitrary.js';

/** A JSON value the fuzz builds a body from; {@link DEEP_MARKER} strings stand for deep nesting. */
export type JsonBody = unknown;
type OrderObject = Record<string, unknown>;

/**
 * Orders straight from the published JSON Schema: the shape is right, but the schema cannot say that the total
 * is the sum of the lines or that amounts have at most 2 decimals, so most are near-valid (400).
 */
export const schemaOrder: fc.Arbitrary<JsonBody> = arbitraryFromSchema(orderSchema as JsonSchema, {
  maxItems: 4,
});

/** Items with stock (and enough of it: the fuzz seeds a deep stock), so valid orders go the whole way. */
const IN_STOCK = INVENTORY_FIXTURE.filter((item) => item.quantityInStock > 0).map((item) => item.itemId);
const APPROVED_CARDS = TEST_CARDS.filter((card) => card.outcome === 'approve');

/** A schema string made acceptable to the stricter parser: trimmed non-empty, at most `max` UTF-16 units. */
function fitText(value: unknown, max: number): string {
  let text = typeof value === 'string' ? value.trim() : '';
  while (text.length > max) text = [...text].slice(0, -1).join('').trim();
  return text === '' ? 'x' : text;
}

/**
 * Valid orders generated from the schema and then fixed up where the schema cannot say what is valid: lines
 * of in-stock items at whole cents, 1 to 3 units each, the total their sum, an approved test card (or the
 * schema's own card number and expiry), texts trimmed to their limits. The API answers each 202.
 */
export const validOrder: fc.Arbitrary<OrderObject> = fc
  .tuple(
    schemaOrder,
    fc.array(
      fc.tuple(
        fc.constantFrom(...IN_STOCK),
        fc.integer({ min: 1, max: 100_000 }),
        fc.option(fc.integer({ min: 1, max: 3 })),
      ),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    fc.constantFrom(...APPROVED_CARDS),
    fc.boolean(),
  )
  .map(([raw, lines, card, ownCard]) => {
    const order = raw as OrderObject;
    const rawItems = ((order.orderContents as OrderObject).items as OrderObject[]) ?? [];
    const items = lines.map(([itemId, cents, quantity], i) => ({
      itemId,
      price: cents / 100,
      itemDescription: fitText(rawItems[i]?.itemDescription, 500),
      ...(quantity === null ? {} : { quantity }),
    }));
    const totalCents = items.reduce((sum, item) => sum + toCents(item.price) * (item.quantity ?? 1), 0);
    const payment = order.paymentDetails as OrderObject;
    const digits = String(payment.cardNumber).replace(/\D/g, '');
    const useOwn = ownCard && digits.length >= 12 && digits.length <= 19;
    return {
      ...(order.orderId === undefined ? {} : { orderId: order.orderId }),
      orderContents: { items },
      orderTotal: totalCents / 100,
      customerId: fitText(order.customerId, 128),
      paymentDetails: {
        name: fitText(payment.name, 100),
        cardType: useOwn ? payment.cardType : card.cardType,
        cardNumber: useOwn ? payment.cardNumber : card.cardNumber,
        expiration: useOwn ? payment.expiration : '12/34',
      },
    };
  });

/**
 * Valid orders near the size limits: 100 to 1000 lines with descriptions up to their 500 characters, from a
 * few dozen kilobytes to most of the 1 MiB body limit, so some are larger than the 256 KiB a Step Functions
 * execution's input may be, whatever the card takes once tokenized.
 */
export const bulkyOrder: fc.Arbitrary<OrderObject> = fc
  .tuple(validOrder, fc.integer({ min: 100, max: 1000 }), fc.integer({ min: 1, max: 500 }))
  .map(([order, lines, descriptionLength]) => {
    const items = Array.from({ length: lines }, (_, i) => ({
      itemId: IN_STOCK[i % IN_STOCK.length] ?? 'item',
      price: 0.01,
      itemDescription: 'd'.repeat(descriptionLength),
    }));
    return { ...order, orderContents: { items }, orderTotal: (lines * 1) / 100 };
  });

/**
 * A string that stands for a value nested `depth` deep (`[[[…]]]` or `{"a":{"a":…}}`): too deep to build as
 * an object and stringify, so the body's text gets it in place of the string (see `bodyText`).
 */
export const DEEP_MARKER = '\u0000deep:';
const deepValue = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('array', 'object'))
  .map(([depth, kind]) => `${DEEP_MARKER}${depth}:${kind}`);

/** Values of the wrong type or beyond a rule, for any field. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      1e308,
      -1e308,
      2 ** 53 + 1,
      -(2 ** 63),
      5e-324,
      -0,
      0,
      0.001,
      1_000_000_000.01,
      10_001,
      '',
      ' ',
      '\u0000',
      '12/99',
      '13/30',
      '4111111111111111',
      '4111 1111 1111 1111',
      4111111111111111,
      [],
      {},
      null,
      true,
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 129, maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 200_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.stringMatching(/^\d(?:[ -]?\d){11,24}$/) },
  { weight: 1, arbitrary: deepValue },
);

/** The paths a mutation may touch (an index stands for the first line's). */
const PATHS: ReadonlyArray<readonly (string | number)[]> = [
  [],
  ['orderId'],
  ['orderContents'],
  ['orderContents', 'items'],
  ['orderContents', 'items', 0],
  ['orderContents', 'items', 0, 'itemId'],
  ['orderContents', 'items', 0, 'price'],
  ['orderContents', 'items', 0, 'itemDescription'],
  ['orderContents', 'items', 0, 'quantity'],
  ['orderTotal'],
  ['customerId'],
  ['paymentDetails'],
  ['paymentDetails', 'name'],
  ['paymentDetails', 'cardType'],
  ['paymentDetails', 'cardNumber'],
  ['paymentDetails', 'expiration'],
];

type Mutation =
  | { readonly kind: 'remove'; readonly path: readonly (string | number)[] }
  | { readonly kind: 'set'; readonly path: readonly (string | number)[]; readonly value: unknown }
  | {
      readonly kind: 'add';
      readonly path: readonly (string | number)[];
      readonly key: string;
      readonly value: unknown;
    }
  | { readonly kind: 'lines'; readonly count: number }
  | { readonly kind: 'total'; readonly by: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...PATHS.slice(1)) }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      path: fc.constantFrom(...PATHS.slice(1)),
      value: oddValue,
    }),
  },
  fc.record({
    kind: fc.constant('add' as const),
    path: fc.constantFrom([], ['orderContents'], ['orderContents', 'items', 0], ['paymentDetails']),
    key: fc.oneof(
      fc.constantFrom('cvv', '__proto__', 'constructor', 'cardNumber', 'orderId'),
      fc.string({ maxLength: 12 }),
    ),
    value: oddValue,
  }),
  fc.record({ kind: fc.constant('lines' as const), count: fc.constantFrom(0, 1001, 1500) }),
  fc.record({ kind: fc.constant('total' as const), by: fc.constantFrom(0.01, -0.01, 0.001, 1e-9, 1e9) }),
);

const SMALL_LINE = { itemId: IN_STOCK[0], price: 1, itemDescription: 'line' };

function at(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Apply one mutation to a deep copy's parts in place (a path whose parent is gone is left alone). */
function apply(order: OrderObject, m: Mutation): unknown {
  if (m.kind === 'lines') {
    const contents = order.orderContents as OrderObject | undefined;
    const items = contents?.items;
    if (contents === undefined || !Array.isArray(items) || items.length === 0) return order;
    // Copies of the first line while it is small (a line another mutation made huge would make a body of
    // hundreds of megabytes: the oversize generator is for that), each its own object.
    const line = JSON.stringify(items[0]) ?? 'null';
    const copy = line.length <= 1000 ? line : JSON.stringify(SMALL_LINE);
    contents.items = Array.from({ length: m.count }, () => JSON.parse(copy));
    return order;
  }
  if (m.kind === 'total') {
    if (typeof order.orderTotal === 'number') order.orderTotal += m.by;
    return order;
  }
  if (m.path.length === 0 && m.kind === 'set') return m.value; // the whole body replaced
  const parentPath = m.kind === 'add' ? m.path : m.path.slice(0, -1);
  const parent = at(order, parentPath);
  if (parent === null || typeof parent !== 'object') return order;
  const target = parent as Record<string | number, unknown>;
  if (m.kind === 'add') {
    // defineProperty: a `__proto__` key becomes an own property, as JSON.parse makes it.
    Object.defineProperty(target, m.key, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    const key = m.path.at(-1) as string | number;
    if (m.kind === 'remove') delete target[key];
    else target[key] = m.value;
  }
  return order;
}

/** Valid orders with 1 to 3 things wrong: a field missing, of the wrong type, too big, too deep, or one too many. */
export const mutatedOrder: fc.Arbitrary<JsonBody> = fc
  .tuple(validOrder, fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([order, mutations]) => {
    let body: unknown = structuredClone(order);
    for (const m of mutations) {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) break;
      body = apply(body as OrderObject, m);
    }
    return body;
  });

/**
 * The body's text: JSON, with the first deep-nesting marker replaced by the nesting it stands for (one deep
 * value per body: a line copied 1500 times with one in it would make a body of a gigabyte).
 */
export function bodyText(body: JsonBody): string {
  let nested = false;
  return JSON.stringify(body).replace(
    /"\\u0000deep:(\d+):(array|object)"/g,
    (marker, depth: string, kind: string) => {
      if (nested) return marker;
      nested = true;
      const n = Number(depth);
      return kind === 'array'
        ? `${'['.repeat(n)}${']'.repeat(n)}`
        : `${'{"a":'.repeat(n)}null${'}'.repeat(n)}`;
    },
  );
}
