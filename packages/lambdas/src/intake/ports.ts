import type { OrderRecord, TokenizedOrder } from '@orders/shared-types';

/** Starts the order workflow: one execution per order id (the execution's name). */
export interface WorkflowStarter {
  /** `exists` when an execution of that name was already started (with any input). */
  start(order: TokenizedOrder): Promise<'started' | 'exists'>;
  /** Whether the execution named `orderId` is still running (false when there is none, or it has ended). */
  running(orderId: string): Promise<boolean>;
}

/** Reads the Orders table's row of an order. */
export interface OrderReader {
  get(orderId: string): Promise<OrderRecord | undefined>;
}
