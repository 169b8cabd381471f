export {
  CARD_TYPES,
  type CardType,
  cardLast4,
  isCardType,
  maskCardNumber,
  normalizeCardNumber,
  redactCardNumbers,
} from './card.js';
export { ERROR_NAMES, type ErrorName } from './error-names.js';
export {
  EXAMPLE_ORDERS,
  type ExampleOrderName,
  INVENTORY_FIXTURE,
  type InventoryFixtureItem,
} from './examples.js';
export { executionArnOf } from './execution-arn.js';
export {
  CARD_TOKEN_PATTERN,
  type CardToken,
  type IntakeError,
  type OrderAccepted,
  type OrderStatus,
  type OrderSubmitted,
  parseTokenizedOrder,
  type TokenizedOrder,
  TokenizedOrderSchema,
  TokenizedPaymentSchema,
} from './intake.js';
export { type IntakeAnswer, type IntakeClient, intakeClient, type SubmitOptions } from './intake-client.js';
export { InvalidOrderError, type OrderIssue } from './invalid-order-error.js';
export { ORDER_INPUT_SCHEMA_ID, orderInputJsonSchema } from './json-schema.js';
export {
  type ChargePaymentEvent,
  ChargePaymentEventSchema,
  type ChargePaymentResult,
  parseChargePaymentEvent,
  parseReleaseStockEvent,
  parseReserveStockEvent,
  type ReleaseStockEvent,
  ReleaseStockEventSchema,
  type ReleaseStockResult,
  type ReserveStockEvent,
  ReserveStockEventSchema,
  type ReserveStockResult,
  type VerifyPaymentEvent,
  type VerifyPaymentResult,
} from './lambda-payloads.js';
export { formatCents, isWholeCents, toCents } from './money.js';
export {
  MAX_AMOUNT,
  MAX_ITEMS,
  ORDER_ID_PATTERN,
  OrderIdSchema,
  type OrderInput,
  type OrderInputJson,
  OrderInputSchema,
  type OrderItem,
  OrderItemSchema,
  OrderItemsSchema,
  type ParsedOrderItem,
  type PaymentDetails,
  PaymentDetailsSchema,
} from './order-input-schema.js';
export type { OrderNotification } from './order-notification.js';
export type { OrderRecord, OrderRecordAttributes, OrderRecordItem, ReservedItem } from './order-record.js';
export { ORDER_STATES, type OrderState } from './order-states.js';
export { parseOrderInput, parseWithSchema } from './parse-order-input.js';
export { SENSITIVE_FIELDS, SENSITIVE_META, type SensitiveField } from './sensitive-fields.js';
export { InvalidStackOutputsError, parseStackOutputs, type StackOutputs } from './stack-outputs.js';
export { TEST_CARDS, type TestCard } from './test-cards.js';
