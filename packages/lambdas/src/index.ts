export {
  dynamoDbReleaseStore,
  dynamoDbReservationStore,
  dynamoDbReserveStore,
  INVENTORY_KEY,
  INVENTORY_STOCK,
  ORDERS_KEY,
  type ReservationTables,
} from './adapters/dynamodb-reservation-store.js';
export { detectCardBrand } from './domain/card-brand.js';
export { isCardExpired } from './domain/card-expiry.js';
export type { CardDetails, CardVault, VaultedCard } from './domain/card-vault.js';
export { chargeOrder, type OrderCharge } from './domain/charge-order.js';
export { DuplicateOrderError } from './domain/duplicate-order-error.js';
export { InventoryUnavailableError } from './domain/inventory-unavailable-error.js';
export { passesLuhn } from './domain/luhn.js';
export {
  InvalidNotificationError,
  type NotificationAttributes,
  type NotificationOutcome,
  notificationAttributes,
  notificationOutcome,
} from './domain/notification-attributes.js';
export { OutOfStockError, type Shortage } from './domain/out-of-stock-error.js';
export { PaymentDetailsRejectedError } from './domain/payment-details-rejected-error.js';
export { PaymentError } from './domain/payment-error.js';
export type {
  CardTokenizer,
  CardVerifier,
  ChargeReceipt,
  ChargeRequest,
  PaymentProvider,
} from './domain/payment-provider.js';
export { type ReleaseOutcome, releaseOrderStock } from './domain/release-order-stock.js';
export {
  type KeptNotification,
  type NotificationOutbox,
  type NotificationPublisher,
  type ResendFailure,
  type ResendResult,
  resendNotifications,
} from './domain/resend-notifications.js';
export {
  OrderNotClaimedError,
  RESERVATION_ERROR_NAMES,
  ReservationReleasedError,
} from './domain/reservation-errors.js';
export { MAX_RESERVATION_ITEMS, reservationLines } from './domain/reservation-lines.js';
export type {
  OrderReservation,
  ReleaseRequest,
  ReleaseStore,
  ReservationStore,
  ReserveAttempt,
  ReserveRequest,
  ReserveStore,
  WriteAttempt,
} from './domain/reservation-store.js';
export { RESERVATION_TTL_SECONDS, reserveOrderStock } from './domain/reserve-order-stock.js';
export {
  type Busy,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryWhileBusy,
} from './domain/retry-policy.js';
export { SimulatedPaymentProvider } from './domain/simulated-payment-provider.js';
export {
  ABANDONED_REASON,
  type AbandonedOrders,
  type SweepResult,
  sweepAbandonedReservations,
} from './domain/sweep-abandoned-reservations.js';
export { tokenizeOrder } from './domain/tokenize-order.js';
export { type PaymentDetailsVerdict, verifyPaymentDetails } from './domain/verify-payment-details.js';
export { type ChargePaymentDeps, createChargePaymentHandler } from './handlers/charge-payment.js';
export {
  createReleaseStockHandler,
  createSweepExpiredHandler,
  type ReleaseStockDeps,
} from './handlers/release-stock.js';
export {
  createResendNotificationsHandler,
  type ResendNotificationsDeps,
} from './handlers/resend-notifications.js';
export { createReserveStockHandler, type ReserveStockDeps } from './handlers/reserve-stock.js';
export { createVerifyPaymentHandler, type VerifyPaymentDeps } from './handlers/verify-payment.js';
export { type Clock, SYSTEM_CLOCK } from './runtime/clock.js';
export {
  INVENTORY_TABLE_ENV,
  MissingConfigurationError,
  NOTIFICATION_TOPIC_ENV,
  ORDERS_TABLE_ENV,
  requiredSetting,
} from './runtime/config.js';
export { correlationIdOf, type LambdaContext } from './runtime/lambda-context.js';
export { createLogger, type Logger, type LoggerOptions, type LogLevel } from './runtime/logger.js';
export { seededRandom } from './runtime/seeded-random.js';
export {
  createSimulation,
  NO_SIMULATION,
  SIMULATION_ENV,
  type Simulation,
  type SimulationConfig,
  SimulationConfigError,
  simulationConfigFromEnv,
} from './runtime/simulation.js';
