import {
  ORDER_ID_PATTERN,
  type OrderRecord,
  type OrderStatus,
  type OrderSubmitted,
} from '@orders/shared-types';
import { type HttpResponse, json, problem } from './http.js';
import type { OrderReader, WorkflowStarter } from './ports.js';

/**
 * `GET /orders/{id}`: the order's state from the Orders table, the card only as type and last four digits;
 * `SUBMITTED` for an order whose execution runs but has not claimed it yet (the moment after the 202); 404 for
 * an id with neither a row nor a running execution.
 */
export async function orderStatus(
  orderId: string,
  orders: OrderReader,
  workflow: Pick<WorkflowStarter, 'running'>,
): Promise<HttpResponse> {
  if (!ORDER_ID_PATTERN.test(orderId)) {
    return problem(400, 'InvalidRequest', 'id: expected an order id (1 to 80 characters, an execution name)');
  }
  const row = await orders.get(orderId);
  if (row !== undefined) return json(200, statusOf(row));
  if (await workflow.running(orderId))
    return json(200, { orderId, state: 'SUBMITTED' } satisfies OrderSubmitted);
  return problem(404, 'OrderNotFound', `no order ${orderId}`);
}

/** The answer for a row: what a client may see of it. */
export function statusOf(row: OrderRecord): OrderStatus {
  return {
    orderId: row.OrderId,
    state: row.State,
    ...(row.Reason === undefined ? {} : { reason: row.Reason }),
    customerId: row.CustomerId,
    orderTotal: row.OrderTotal,
    items: row.Items.map(({ itemId, quantity, price }) => ({ itemId, quantity, price })),
    ...(row.CardType === undefined || row.CardLast4 === undefined
      ? {}
      : { card: { type: row.CardType, last4: row.CardLast4 } }),
    ...(row.ChargeId === undefined ? {} : { chargeId: row.ChargeId }),
    createdAt: row.CreatedAt,
    ...(row.UpdatedAt === undefined ? {} : { updatedAt: row.UpdatedAt }),
  };
}
