import type * as z from 'zod/mini';
import { maskCardNumber, redactCardNumbers } from '../card.js';
import type { OrderIssue } from '../invalid-order-error.js';
import { SENSITIVE_FIELDS } from '../sensitive-fields.js';

type Path = ReadonlyArray<PropertyKey>;

/** `['orderContents', 'items', 2, 'price']` -> `orderContents.items[2].price`. */
export function formatPath(path: Path, root: string): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? root : out;
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function dotted(path: Path): string {
  return path.filter((k) => typeof k !== 'number').join('.');
}

/** Render a found value for a message; card data is masked, objects are summarised (they may hold card data). */
export function describeValue(value: unknown, path: Path): string {
  if (value === undefined) return 'nothing';
  const field = dotted(path);
  if (typeof value === 'string') {
    if (field.endsWith('paymentDetails.cardNumber') || field === 'cardNumber') {
      return JSON.stringify(maskCardNumber(value));
    }
    // Expiry and any unexpected field under paymentDetails (a CVV, say): keep the shape, hide the digits.
    if (SENSITIVE_FIELDS.some((f) => field.endsWith(f)) || field.includes('paymentDetails.')) {
      return JSON.stringify(value.replace(/\d/g, '#'));
    }
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  // Mask the raw text before it is quoted (JSON turns a newline into `\n`) and before it is shortened (a cut
  // card number would no longer look like one).
  const raw = typeof value === 'string' ? redactCardNumbers(value) : value;
  const rendered = redactCardNumbers(JSON.stringify(raw) ?? String(raw)); // numbers too: 4111111111111111
  return rendered.length > 80 ? `${rendered.slice(0, 77)}...` : rendered;
}

/**
 * Turn zod issues into `{ path, message }` pairs that name the field and the value found. A last pass masks
 * anything card-shaped in both: a rule's own message may quote a value made from the input (the expected total
 * of a 16-digit price), and a key the client sent may itself be a card number.
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  root: string,
): OrderIssue[] {
  const out: OrderIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push({
          path: redactCardNumbers(formatPath(path, root)),
          message: redactCardNumbers(`unexpected field, got ${describeValue(valueAt(input, path), path)}`),
        });
      }
      continue;
    }
    out.push({
      path: redactCardNumbers(formatPath(issue.path, root)),
      message: redactCardNumbers(
        `${issue.message}, got ${describeValue(valueAt(input, issue.path), issue.path)}`,
      ),
    });
  }
  return out;
}
