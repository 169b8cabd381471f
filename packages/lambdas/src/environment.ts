/**
 * The environment variables the handlers read, for the program that sets them (`@orders/lambdas/environment`):
 * the Pulumi program takes the names from here instead of retyping them. No SDK behind this entry point.
 */
export {
  IDEMPOTENCY_TABLE_ENV,
  INVENTORY_TABLE_ENV,
  NOTIFICATION_TOPIC_ENV,
  ORDERS_TABLE_ENV,
  STATE_MACHINE_ARN_ENV,
  VAULT_TABLE_ENV,
} from './runtime/config.js';
export { SIMULATION_ENV } from './runtime/simulation.js';
