export { dynamoDbBatchGetStock, INVENTORY_KEY, INVENTORY_STOCK } from './adapters/dynamodb-stock-reader.js';
export { detectCardBrand } from './domain/card-brand.js';
export { isCardExpired } from './domain/card-expiry.js';
export { chargeOrder, type OrderCharge } from './domain/charge-order.js';
export { DuplicateOrderError } from './domain/duplicate-order-error.js';
export { InventoryUnavailableError } from './domain/inventory-unavailable-error.js';
export { passesLuhn } from './domain/luhn.js';
export { PaymentError } from './domain/payment-error.js';
export type { ChargeReceipt, ChargeRequest, PaymentProvider } from './domain/payment-provider.js';
export {
  BATCH_GET_LIMIT,
  type BatchGetStock,
  type ReadStockOptions,
  readStockLevels,
  type StockPage,
} from './domain/read-stock-levels.js';
export { SimulatedPaymentProvider } from './domain/simulated-payment-provider.js';
export { stockItems } from './domain/stock-items.js';
export { verifyPaymentDetails } from './domain/verify-payment-details.js';
export { type ChargePaymentDeps, createChargePaymentHandler } from './handlers/charge-payment.js';
export {
  createRetrieveStockHandler,
  INVENTORY_TABLE_ENV,
  MissingConfigurationError,
  type RetrieveStockDeps,
} from './handlers/retrieve-stock.js';
export { createVerifyPaymentHandler, type VerifyPaymentDeps } from './handlers/verify-payment.js';
export { type Clock, SYSTEM_CLOCK } from './runtime/clock.js';
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
