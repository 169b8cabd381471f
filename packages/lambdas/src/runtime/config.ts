/** The environment variable naming the Orders table (key `OrderId` S). */
export const ORDERS_TABLE_ENV = 'ORDERS_TABLE_NAME';
/** The environment variable naming the Inventory table (key `ItemId` S, `quantityInStock` N). */
export const INVENTORY_TABLE_ENV = 'INVENTORY_TABLE_NAME';
/** The environment variable naming the order-notification topic's ARN (the notification re-sender publishes to it). */
export const NOTIFICATION_TOPIC_ENV = 'NOTIFICATION_TOPIC_ARN';
/** The environment variable naming the payment provider's card vault table (key `Token` S). */
export const VAULT_TABLE_ENV = 'CARD_VAULT_TABLE_NAME';
/** The environment variable naming the intake's idempotency-key table (key `IdempotencyKey` S). */
export const IDEMPOTENCY_TABLE_ENV = 'INTAKE_REQUESTS_TABLE_NAME';
/** The environment variable holding the order workflow's state machine ARN (the intake starts it). */
export const STATE_MACHINE_ARN_ENV = 'ORDER_WORKFLOW_ARN';

/** A required setting is missing from the Lambda's environment. */
export class MissingConfigurationError extends Error {
  override readonly name = 'MissingConfiguration';
}

/**
 * `override` when given (tests), else the environment variable `name`, read per invocation so a changed
 * environment is seen; throws MissingConfigurationError when neither is set.
 */
export function requiredSetting(name: string, override?: string): string {
  const value = override ?? process.env[name];
  if (!value) throw new MissingConfigurationError(`${name} is not set`);
  return value;
}
