// Compiled by tests/asl/typed-paths.test.ts (and by `tsc` in `typecheck`): every `@ts-expect-error` line
// must fail to compile; the lines without one must compile.
import type {
  OrderInputJson,
  OrderRecordItem,
  ReserveStockResult,
  VerifyPaymentResult,
} from '@orders/shared-types';
import { chain, conditions, fields, jsonPath, pass, succeed } from '../../src/asl/index.js';

const order = jsonPath<OrderInputJson>();
const when = conditions<VerifyPaymentResult>();
const item = conditions<OrderRecordItem>();
const reserved = conditions<ReserveStockResult>();
const input = fields<OrderInputJson>('$states.input');

export const valid = [
  order('$.orderContents.items'),
  order('$.paymentDetails.cardType'),
  order('$.orderContents.items[0].price'),
  order('$.orderContents.items[*].itemId'),
  when.booleanEquals('$.paymentVerified', true),
  when.stringEquals('$.cardLast4', '1055'),
  item.numericGreaterThanPath('$.quantity', '$.price'),
  reserved.booleanEquals('$.alreadyReserved', true),
  input('customerId'),
  input('paymentDetails.name'),
];

export const invalid = [
  // @ts-expect-error misspelt field
  order('$.orderContent.items'),
  // @ts-expect-error a field that does not exist on paymentDetails
  order('$.paymentDetails.cvv'),
  // @ts-expect-error a JSONPath must start with $.
  order('customerId'),
  // @ts-expect-error misspelt field in a condition
  when.booleanEquals('$.paymentVerifed', false),
  // @ts-expect-error a boolean comparison on a string field
  when.booleanEquals('$.cardType', true),
  // @ts-expect-error a numeric comparison on a string field
  item.numericGreaterThan('$.itemId', 1),
  // @ts-expect-error a field verify-payment's result no longer has (details that do not verify are thrown)
  when.isPresent('$.reason'),
  // @ts-expect-error misspelt field in a JSONata reference
  input('customerID'),
  // @ts-expect-error a nested field that does not exist
  input('orderContents.total'),
];

// @ts-expect-error nothing can follow a Succeed state
pass('A').next(succeed('B')).next(pass('C'));

// @ts-expect-error nothing can follow a Succeed state in a chain either
chain(succeed('X'), pass('Y'));
