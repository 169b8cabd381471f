/**
 * The AWS JSON 1.0 forms of the SDK's request and response shapes. The SDK types what a client holds:
 * timestamps are `Date`. On the wire they are epoch seconds, and a request body is JSON nobody has
 * checked yet; these types say so instead of pretending the body already has the SDK's shape.
 */

/** A request body as it arrives: the fields the operation's input declares, none of them checked yet. */
export type Unchecked<T> = { readonly [K in keyof T]?: unknown };

/** A request body after `JSON.parse`, before the operation has looked at it. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** A parsed body is a JSON object (not an array, not null): what every operation's request is. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `T` as it is sent: every `Date` (at any depth) becomes epoch seconds. */
export type Wire<T> = T extends Date
  ? number
  : T extends readonly (infer E)[]
    ? Wire<E>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** Turn a response in the SDK's shape into its wire form: `Date`s to epoch seconds (fractions kept). */
export function toWire<T>(value: T): Wire<T> {
  // The one assertion: `convert` does at run time what `Wire<T>` says, which the compiler cannot follow
  // through a recursive conditional type (tests/sfn/wire.test.ts checks it does).
  return convert(value) as Wire<T>;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(convert);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = convert(field);
  return out;
}
