import * as z from 'zod/mini';
import { OrderInputSchema } from './order-input-schema.js';

/** Stable identifier of the published JSON Schema. */
export const ORDER_INPUT_SCHEMA_ID = 'https://orders.example/schemas/order-input.schema.json';

/**
 * The order input as JSON Schema (draft 2020-12) for clients in other languages. It describes the input
 * side (`orderId` and `quantity` optional); the cross-field rule (orderTotal = sum in cents) cannot be
 * expressed in JSON Schema and is stated in the description.
 */
export function orderInputJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(OrderInputSchema, { io: 'input', target: 'draft-2020-12' });
  const { $schema, ...rest } = schema;
  return { $schema, $id: ORDER_INPUT_SCHEMA_ID, ...rest };
}
