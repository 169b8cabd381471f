import { describe, expect, it } from 'vitest';
import { EXAMPLE_ORDERS } from '../src/examples.js';
import { InvalidOrderError } from '../src/invalid-order-error.js';
import { parseOrderInput } from '../src/parse-order-input.js';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v) as T;
const base = (): Json => clone(EXAMPLE_ORDERS.success) as unknown as Json;

function issuesOf(value: unknown): string[] {
  try {
    parseOrderInput(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOrderError);
    expect((error as Error).name).toBe('InvalidOrder');
    return (error as InvalidOrderError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected parseOrderInput to throw');
}

const DELETE = Symbol('delete');

/** Set (or delete) the field at a dotted path (`orderContents.items.2.price`) of `order`; returns it. */
function withField(order: Json, path: string, value: unknown): Json {
  const keys = path.split('.');
  let target = order as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === DELETE) delete target[last];
  else target[last] = value;
  return order;
}

describe('parseOrderInput', () => {
  it('accepts every example order and fills in quantity', () => {
    for (const example of Object.values(EXAMPLE_ORDERS)) {
      const parsed = parseOrderInput(example);
      for (const item of parsed.orderContents.items) expect(item.quantity).toBeGreaterThanOrEqual(1);
    }
    expect(parseOrderInput(EXAMPLE_ORDERS.success).orderContents.items[0]?.quantity).toBe(1);
  });

  it('compares the total in integer cents, so 0.1 + 0.2 = 0.3 passes', () => {
    const order = base();
    order.orderContents = {
      items: [
        { itemId: 'a', price: 0.1, itemDescription: 'A' },
        { itemId: 'b', price: 0.2, itemDescription: 'B' },
      ],
    };
    order.orderTotal = 0.3;
    expect(parseOrderInput(order).orderTotal).toBe(0.3);
  });

  it('multiplies price by quantity', () => {
    const order = base();
    order.orderContents = { items: [{ itemId: 'a', price: 19.99, itemDescription: 'A', quantity: 3 }] };
    order.orderTotal = 59.97;
    expect(parseOrderInput(order).orderContents.items[0]?.quantity).toBe(3);
  });

  it('accepts a safe orderId and trims text fields', () => {
    const order = base();
    order.orderId = 'order_2026-11-29-ABC';
    order.customerId = '  c-1  ';
    const parsed = parseOrderInput(order);
    expect(parsed.orderId).toBe('order_2026-11-29-ABC');
    expect(parsed.customerId).toBe('c-1');
  });

  it('accepts any valid execution name as orderId (the workflow falls back to the execution name)', () => {
    for (const orderId of ['order.42', 'nightly@batch', 'a+b=c!']) {
      expect(parseOrderInput({ ...base(), orderId }).orderId).toBe(orderId);
    }
  });

  const items1001 = Array.from({ length: 1001 }, () => ({ itemId: 'a', price: 1, itemDescription: 'A' }));
  const price = (i: number) => `orderContents.items.${i}.price`;
  const ID_RULE =
    'expected 1 to 80 characters without whitespace or any of < > { } [ ] ? * " # % \\ ^ | ~ ` $ & , ; : / (the Step Functions execution-name rules)';

  it.each<[name: string, path: string, value: unknown, expected: string]>([
    [
      'blank item description',
      'orderContents.items.1.itemDescription',
      '   ',
      'orderContents.items[1].itemDescription: expected a non-empty string',
    ],
    [
      'item description over 500 characters',
      'orderContents.items.0.itemDescription',
      'd'.repeat(501),
      'orderContents.items[0].itemDescription: expected at most 500 characters',
    ],
    [
      'holder name over 100 characters',
      'paymentDetails.name',
      'n'.repeat(101),
      'paymentDetails.name: expected at most 100 characters',
    ],
    ['blank customerId', 'customerId', ' ', 'customerId: expected a non-empty string'],
    [
      'customerId over 128 characters',
      'customerId',
      'c'.repeat(129),
      'customerId: expected at most 128 characters',
    ],
    [
      'total with 3 decimals',
      'orderTotal',
      2250.001,
      'orderTotal: expected at most 2 decimal places, got 2250.001',
    ],
    [
      'total above the maximum',
      'orderTotal',
      2_000_000_000,
      'orderTotal: expected at most 1000000000, got 2000000000',
    ],
    [
      'card number over 19 digits',
      'paymentDetails.cardNumber',
      '4111 1111 1111 1111 1111',
      'paymentDetails.cardNumber: expected 12 to 19 digits',
    ],
    ['negative price', price(2), -5, 'orderContents.items[2].price: expected a positive number, got -5'],
    ['zero price', price(0), 0, 'orderContents.items[0].price: expected a positive number, got 0'],
    ['price as string', price(1), '500', 'orderContents.items[1].price: expected a number, got "500"'],
    [
      'price with 3 decimals',
      price(0),
      1.005,
      'orderContents.items[0].price: expected at most 2 decimal places, got 1.005',
    ],
    [
      'huge price',
      price(0),
      2e9,
      'orderContents.items[0].price: expected at most 1000000000, got 2000000000',
    ],
    [
      'missing itemId',
      'orderContents.items.0.itemId',
      DELETE,
      'orderContents.items[0].itemId: expected a string, got nothing',
    ],
    [
      'blank itemId',
      'orderContents.items.0.itemId',
      '   ',
      'orderContents.items[0].itemId: expected a non-empty string, got "   "',
    ],
    [
      'long itemId',
      'orderContents.items.0.itemId',
      'x'.repeat(129),
      'orderContents.items[0].itemId: expected at most 128 characters, got "xxxx',
    ],
    [
      'missing description',
      'orderContents.items.1.itemDescription',
      DELETE,
      'orderContents.items[1].itemDescription: expected a string, got nothing',
    ],
    [
      'zero quantity',
      'orderContents.items.0.quantity',
      0,
      'orderContents.items[0].quantity: expected a positive whole number, got 0',
    ],
    [
      'fractional quantity',
      'orderContents.items.0.quantity',
      1.5,
      'orderContents.items[0].quantity: expected a whole number, got 1.5',
    ],
    [
      'huge quantity',
      'orderContents.items.0.quantity',
      10_001,
      'orderContents.items[0].quantity: expected at most 10000, got 10001',
    ],
    [
      'unknown item field',
      'orderContents.items.0.quantiy',
      3,
      'orderContents.items[0].quantiy: unexpected field, got 3',
    ],
    [
      'item not an object',
      'orderContents.items.1',
      'iPhone',
      'orderContents.items[1]: expected an object, got "iPhone"',
    ],
    [
      'no items',
      'orderContents.items',
      [],
      'orderContents.items: expected at least one item, got an array of 0',
    ],
    ['items not an array', 'orderContents.items', 'x', 'orderContents.items: expected an array, got "x"'],
    [
      'too many items',
      'orderContents.items',
      items1001,
      'orderContents.items: expected at most 1000 items, got an array of 1001',
    ],
    ['orderContents missing', 'orderContents', DELETE, 'orderContents: expected an object, got nothing'],
    [
      'total mismatch',
      'orderTotal',
      2249.99,
      'orderTotal: expected the sum of price x quantity (2250.00), got 2249.99',
    ],
    ['total negative', 'orderTotal', -1, 'orderTotal: expected a positive number, got -1'],
    ['total as string', 'orderTotal', '2250', 'orderTotal: expected a number, got "2250"'],
    ['missing customerId', 'customerId', DELETE, 'customerId: expected a string, got nothing'],
    ['customerId number', 'customerId', 42, 'customerId: expected a string, got 42'],
    ['orderId with spaces', 'orderId', 'order 1', `orderId: ${ID_RULE}, got "order 1"`],
    ['orderId too long', 'orderId', 'a'.repeat(81), `orderId: ${ID_RULE}, got "aaaa`],
    ['orderId with slash', 'orderId', '../x', `orderId: ${ID_RULE}, got "../x"`],
    ['unknown top-level field', 'coupon', 'FREE', 'coupon: unexpected field, got "FREE"'],
    [
      'missing holder name',
      'paymentDetails.name',
      '',
      'paymentDetails.name: expected a non-empty string, got ""',
    ],
    [
      'unknown card type',
      'paymentDetails.cardType',
      'JCB',
      'paymentDetails.cardType: expected one of VISA, MASTERCARD, AMEX, DISCOVER, got "JCB"',
    ],
    [
      'card number with letters',
      'paymentDetails.cardNumber',
      '4111-1111-1111-111X',
      'paymentDetails.cardNumber: expected digits, optionally grouped by spaces or dashes, got "**** 1111"',
    ],
    [
      'card number too short',
      'paymentDetails.cardNumber',
      '4111 1111 111',
      'paymentDetails.cardNumber: expected 12 to 19 digits, got "**** 1111"',
    ],
    [
      'card number as number',
      'paymentDetails.cardNumber',
      4111111111111111,
      'paymentDetails.cardNumber: expected a string, got **** 1111',
    ],
    [
      'expiration not MM/YY',
      'paymentDetails.expiration',
      '2034-12',
      'paymentDetails.expiration: expected MM/YY, got "####-##"',
    ],
    [
      'expiration month 13',
      'paymentDetails.expiration',
      '13/30',
      'paymentDetails.expiration: expected MM/YY, got "##/##"',
    ],
    [
      'unknown payment field (masked)',
      'paymentDetails.cvv',
      '123',
      'paymentDetails.cvv: unexpected field, got "###"',
    ],
    ['paymentDetails missing', 'paymentDetails', DELETE, 'paymentDetails: expected an object, got nothing'],
  ])('rejects %s, naming the field and value', (_name, path, value, expected) => {
    const issues = issuesOf(withField(base(), path, value));
    expect(
      issues.some((i) => i.startsWith(expected)),
      issues.join('\n'),
    ).toBe(true);
  });

  it('rejects a non-object order at the root', () => {
    expect(issuesOf('hello')).toEqual(['order: expected an object, got "hello"']);
    expect(issuesOf(null)).toEqual(['order: expected an object, got null']);
  });

  it('reports every problem at once, in the error message too', () => {
    const order = base() as Json & { orderContents: { items: Json[] } };
    order.orderContents.items[0]!.price = -1;
    order.customerId = '';
    try {
      parseOrderInput(order);
      expect.unreachable();
    } catch (error) {
      const e = error as InvalidOrderError;
      expect(e.issues.map((i) => i.path)).toEqual(['orderContents.items[0].price', 'customerId']);
      expect(e.message).toContain('orderContents.items[0].price: expected a positive number, got -1');
      expect(e.message).toContain('customerId: expected a non-empty string, got ""');
    }
  });

  it('never puts a full card number into an error, wherever it was sent', () => {
    const order = base() as Json & { paymentDetails: Json };
    order.paymentDetails.cardNumber = '4111 1111 1111 111';
    order.note = '4111 1111 1111 1111';
    order.paymentDetails.extra = '4111111111111111';
    const message = issuesOf(order).join('\n');
    expect(message).not.toMatch(/4111[ -]?1111[ -]?1111/);
    expect(message).toContain('**** 1111');
  });

  it('masks a card-shaped number a rule quotes from the input, or a key that is one (found by the fuzz)', () => {
    const order = base() as Json & { orderContents: { items: Json[] } };
    const line = order.orderContents.items[0] as Json;
    line.price = 4111111111110992;
    order['5555555555554444'] = 1;
    const message = issuesOf(order).join('\n');
    // The price is too large, and the expected total the total rule names is made of it.
    expect(message).toContain('orderTotal: expected the sum of price x quantity');
    expect(message).not.toMatch(/4111111111110|5555555555554444/);
    expect(message).toContain('**** 0992');
    expect(message).toContain('**** 4444');
  });
});
