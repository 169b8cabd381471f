/**
 * JSONPath references, typed against the shape of the data they read.
 *
 * A `PathRef` is what a payload template, a Choice condition or an ItemsPath points at; the renderer turns
 * `{ items: path('$.orderContents.items') }` into `{ "items.$": "$.orderContents.items" }`, so nobody has to
 * remember the `.$` suffix. `jsonPath<Order>()` returns the same factory with its argument checked by tsc.
 */

type Primitive = string | number | boolean | bigint | symbol | null | undefined;
type Prev = [never, 0, 1, 2, 3, 4, 5, 6];

/** True when T is `any` (so untyped callers get plain `string` paths). */
type IsAny<T> = 0 extends 1 & T ? true : false;

/** Every dotted field path of T (`a`, `a.b`, `items[0]`, `items[*].price`), up to a fixed depth. */
export type FieldPath<T, D extends number = 6> =
  IsAny<T> extends true
    ? string
    : [D] extends [never]
      ? never
      : T extends Primitive
        ? never
        : T extends readonly (infer E)[]
          ? `[${number}]` | `[*]` | `[${number}]${SubPath<E, Prev[D]>}` | `[*]${SubPath<E, Prev[D]>}`
          : {
              [K in keyof T & string]-?:
                | K
                | (NonNullable<T[K]> extends readonly (infer E)[]
                    ?
                        | `${K}[${number}]`
                        | `${K}[*]`
                        | `${K}[${number}]${SubPath<E, Prev[D]>}`
                        | `${K}[*]${SubPath<E, Prev[D]>}`
                    : `${K}.${FieldPath<NonNullable<T[K]>, Prev[D]>}`);
            }[keyof T & string];

type SubPath<E, D extends number> = [D] extends [never]
  ? never
  : NonNullable<E> extends Primitive
    ? never
    : `.${FieldPath<NonNullable<E>, D>}`;

/** Dotted paths of T whose value is assignable to V (used by typed comparisons). */
export type FieldPathTo<T, V, D extends number = 6> =
  IsAny<T> extends true
    ? string
    : [D] extends [never]
      ? never
      : T extends Primitive | readonly unknown[]
        ? never
        : {
            [K in keyof T & string]-?:
              | (NonNullable<T[K]> extends V ? K : never)
              | (NonNullable<T[K]> extends Primitive | readonly unknown[]
                  ? never
                  : `${K}.${FieldPathTo<NonNullable<T[K]>, V, Prev[D]>}`);
          }[keyof T & string];

/** A JSONPath reference into T: `$` or `$.<field path>`. */
export type JsonPath<T> = IsAny<T> extends true ? string : '$' | `$.${FieldPath<T>}`;

/** A JSONPath reference to a field of T whose value is assignable to V. */
export type JsonPathTo<T, V> = IsAny<T> extends true ? string : `$.${FieldPathTo<T, V>}`;

/** A reference the renderer writes as a `.$` field (a path, a context path or an intrinsic function call). */
export class PathRef {
  constructor(readonly path: string) {}
  toString(): string {
    return this.path;
  }
}

/** An untyped JSONPath, context-object (`$$.Execution.Name`) or variable (`$name`) reference. */
export function path(value: string): PathRef {
  return new PathRef(value);
}

/** An intrinsic function call such as `States.Format('{}', $.total)`, rendered as a `.$` field. */
export function intrinsic(expression: string): PathRef {
  return new PathRef(expression);
}

/** A JSONPath factory whose argument tsc checks against T. */
export function jsonPath<T>(): <P extends JsonPath<T>>(value: P) => PathRef {
  return (value) => new PathRef(value);
}
