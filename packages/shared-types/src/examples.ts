import type { OrderInputJson } from './order-input-schema.js';

/** One row of the Inventory table fixture (`ItemId` = itemId). Price and description are for building orders. */
export interface InventoryFixtureItem {
  readonly itemId: string;
  readonly quantityInStock: number;
  readonly itemDescription: string;
  readonly price: number;
}

/**
 * The Inventory table's fixture: the original project's three items with stock, one item that is out of
 * stock (`item-z0s7k`) and one with little stock (`item-l0w5t`, 2 left).
 */
export const INVENTORY_FIXTURE = [
  { itemId: 'item-c9f4x', quantityInStock: 25, itemDescription: 'Macbook', price: 1000 },
  { itemId: 'item-g7b2q', quantityInStock: 120, itemDescription: 'iPhone', price: 500 },
  { itemId: 'item-p4c97', quantityInStock: 40, itemDescription: 'iPad', price: 750 },
  { itemId: 'item-z0s7k', quantityInStock: 0, itemDescription: 'Vision Pro', price: 3499.99 },
  { itemId: 'item-l0w5t', quantityInStock: 2, itemDescription: 'AirPods', price: 0.1 },
] as const satisfies readonly InventoryFixtureItem[];

// The original project's three items, named so single-item examples need no index into the list.
const MACBOOK = { itemId: 'item-c9f4x', price: 1000, itemDescription: 'Macbook' };
const IPHONE = { itemId: 'item-g7b2q', price: 500, itemDescription: 'iPhone' };
const IPAD = { itemId: 'item-p4c97', price: 750, itemDescription: 'iPad' };
const ORIGINAL_ITEMS = [MACBOOK, IPHONE, IPAD];

// Far enough ahead that the examples stay valid for years; tests that care about expiry inject a clock.
const VALID_EXPIRATION = '12/34';

/**
 * Example orders for demos and end-to-end tests, one per route through the workflow. None sets
 * `orderId`, so every run is a new order; add one to exercise idempotency.
 */
export const EXAMPLE_ORDERS = {
  /** Verified, in stock, charged: ends PAYMENT_PROCESSED. */
  success: {
    orderContents: { items: ORIGINAL_ITEMS },
    orderTotal: 2250,
    customerId: 'c-id-56392',
    paymentDetails: {
      name: 'John Doe',
      cardType: 'VISA',
      cardNumber: '4111 1111 1111 1111',
      expiration: VALID_EXPIRATION,
    },
  },
  /** Quantities and cents (totals compare in integer cents), Mastercard 2-series: ends PAYMENT_PROCESSED. */
  successWithQuantities: {
    orderContents: {
      items: [
        { itemId: 'item-g7b2q', price: 500, itemDescription: 'iPhone', quantity: 2 },
        { itemId: 'item-l0w5t', price: 0.1, itemDescription: 'AirPods', quantity: 2 },
      ],
    },
    orderTotal: 1000.2,
    customerId: 'c-id-10234',
    paymentDetails: {
      name: 'Erika Mustermann',
      cardType: 'MASTERCARD',
      cardNumber: '2223-0031-2200-3222',
      expiration: VALID_EXPIRATION,
    },
  },
  /** Verified and in stock, but the provider declines the card: ends PAYMENT_FAILED (PaymentError). */
  paymentDeclined: {
    orderContents: { items: [IPHONE] },
    orderTotal: 500,
    customerId: 'c-id-77001',
    paymentDetails: {
      name: 'Jane Roe',
      cardType: 'VISA',
      cardNumber: '4000 0000 0000 0002',
      expiration: VALID_EXPIRATION,
    },
  },
  /** The card passes Luhn but is a VISA number declared as AMEX: payment not verified. */
  notVerified: {
    orderContents: { items: [IPAD] },
    orderTotal: 750,
    customerId: 'c-id-31337',
    paymentDetails: {
      name: 'Max Power',
      cardType: 'AMEX',
      cardNumber: '4242 4242 4242 4242',
      expiration: VALID_EXPIRATION,
    },
  },
  /** `item-z0s7k` has no stock in INVENTORY_FIXTURE: out of stock. */
  outOfStock: {
    orderContents: {
      items: [MACBOOK, { itemId: 'item-z0s7k', price: 3499.99, itemDescription: 'Vision Pro' }],
    },
    orderTotal: 4499.99,
    customerId: 'c-id-24680',
    paymentDetails: {
      name: 'Ada Lovelace',
      cardType: 'AMEX',
      cardNumber: '3782 822463 10005',
      expiration: VALID_EXPIRATION,
    },
  },
  /** Three of `item-l0w5t`, which has two in stock: out of stock by quantity. */
  lowStock: {
    orderContents: { items: [{ itemId: 'item-l0w5t', price: 0.1, itemDescription: 'AirPods', quantity: 3 }] },
    orderTotal: 0.3,
    customerId: 'c-id-13579',
    paymentDetails: {
      name: 'Grace Hopper',
      cardType: 'DISCOVER',
      cardNumber: '6011 1111 1111 1117',
      expiration: VALID_EXPIRATION,
    },
  },
  /** The original project's input.json, verbatim: its card fails Luhn and expired 08/26, so it is not verified. */
  original: {
    orderContents: { items: ORIGINAL_ITEMS },
    orderTotal: 2250,
    customerId: 'c-id-56392',
    paymentDetails: {
      name: 'John Doe',
      cardType: 'MASTERCARD',
      cardNumber: '5192 7402 9672 1055',
      expiration: '08/26',
    },
  },
} as const satisfies Record<string, OrderInputJson>;

/** The name of one of {@link EXAMPLE_ORDERS}. */
export type ExampleOrderName = keyof typeof EXAMPLE_ORDERS;
