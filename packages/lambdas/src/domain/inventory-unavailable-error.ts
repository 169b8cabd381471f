import { ERROR_NAMES } from '@orders/shared-types';

/**
 * DynamoDB kept refusing a stock write (transaction conflicts, throttling) after every retry. `name` is
 * `InventoryUnavailable`: nothing was reserved or released by the refused attempts, so the workflow may
 * Retry the step.
 */
export class InventoryUnavailableError extends Error {
  override readonly name = ERROR_NAMES.InventoryUnavailable;
  /** What was being done, e.g. `reserve stock for order o-1`. */
  readonly operation: string;
  readonly attempts: number;

  constructor(operation: string, attempts: number, detail: string, options?: ErrorOptions) {
    super(`inventory unavailable: could not ${operation} after ${attempts} attempts (${detail})`, options);
    this.operation = operation;
    this.attempts = attempts;
  }
}
