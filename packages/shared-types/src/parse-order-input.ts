import type * as z from 'zod/mini';
import { formatIssues } from './internal/format-issues.js';
import { InvalidOrderError } from './invalid-order-error.js';
import { type OrderInput, OrderInputSchema } from './order-input-schema.js';

/**
 * Parse `value` with `schema`, or throw {@link InvalidOrderError} naming every offending field and value.
 * `root` names the value itself in messages when the whole thing is wrong (e.g. not an object).
 */
export function parseWithSchema<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  root = 'order',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidOrderError(formatIssues(result.error.issues, value, root));
}

/** Validate an order (the workflow's input); throws {@link InvalidOrderError} listing every problem. */
export function parseOrderInput(value: unknown): OrderInput {
  return parseWithSchema(OrderInputSchema, value);
}
