/** The environment variable naming the Orders table (key `OrderId` S). */
export const ORDERS_TABLE_ENV = 'ORDERS_TABLE_NAME';
/** The environment variable naming the Inventory table (key `ItemId` S, `quantityInStock` N). */
export const INVENTORY_TABLE_ENV = 'INVENTORY_TABLE_NAME';
/** The environment variable naming the order-notification topic's ARN (the notification re-sender publishes to it). */
export const NOTIFICATION_TOPIC_ENV = 'NOTIFICATION_TOPIC_ARN';

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
