import type { FieldPath } from './json-path.js';

/** Wraps a JSONata expression in the `{% … %}` delimiters the States Language expects. */
export function jsonata(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith('{%') ? trimmed : `{% ${trimmed} %}`;
}

/** True when a value is a JSONata expression string (`{% … %}`). */
export function isJsonata(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}');
}

/**
 * A typed field reference for JSONata expressions rooted at `root` (`$states.input`, `$order`, …):
 * `const order = fields<OrderInput>('$order'); order('paymentDetails.cardType')` gives
 * `$order.paymentDetails.cardType`, and a misspelt field fails tsc.
 */
export function fields<T>(root: string): <P extends FieldPath<T>>(field: P) => string {
  return (field) => (field.startsWith('[') ? `${root}${field}` : `${root}.${field}`);
}
