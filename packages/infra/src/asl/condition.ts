import type { JsonPath, JsonPathTo } from './json-path.js';
import { jsonata } from './jsonata.js';
import type { QueryLanguage } from './state.js';

/** A JSONPath Choice rule's test: a `Variable` comparison or a boolean combination of them. */
export type JsonPathCondition =
  | {
      readonly kind: 'compare';
      readonly variable: string;
      readonly operator: string;
      readonly value: unknown;
    }
  | { readonly kind: 'and' | 'or'; readonly conditions: readonly JsonPathCondition[] }
  | { readonly kind: 'not'; readonly condition: JsonPathCondition };

/** A JSONata Choice rule's test: one `Condition` expression. */
export interface JsonataCondition {
  readonly kind: 'jsonata';
  readonly expression: string;
}

/** A Choice rule's test. Build one with the factories below; the renderer writes the ASL keys. */
export type Condition = JsonPathCondition | JsonataCondition;

/** The conditions a Choice state in language L takes. */
export type ConditionIn<L extends QueryLanguage> = L extends 'JSONata' ? JsonataCondition : JsonPathCondition;

const compare =
  <V>(operator: string) =>
  (variable: string, value: V): JsonPathCondition => ({ kind: 'compare', variable, operator, value });

const typeTest =
  (operator: string) =>
  (variable: string, value = true): JsonPathCondition => ({ kind: 'compare', variable, operator, value });

/** Condition factories (JSONPath `Variable` tests, boolean combinators and JSONata `Condition`). */
export const Condition = {
  stringEquals: compare<string>('StringEquals'),
  stringEqualsPath: compare<string>('StringEqualsPath'),
  stringLessThan: compare<string>('StringLessThan'),
  stringLessThanPath: compare<string>('StringLessThanPath'),
  stringGreaterThan: compare<string>('StringGreaterThan'),
  stringGreaterThanPath: compare<string>('StringGreaterThanPath'),
  stringLessThanEquals: compare<string>('StringLessThanEquals'),
  stringLessThanEqualsPath: compare<string>('StringLessThanEqualsPath'),
  stringGreaterThanEquals: compare<string>('StringGreaterThanEquals'),
  stringGreaterThanEqualsPath: compare<string>('StringGreaterThanEqualsPath'),
  stringMatches: compare<string>('StringMatches'),
  numericEquals: compare<number>('NumericEquals'),
  numericEqualsPath: compare<string>('NumericEqualsPath'),
  numericLessThan: compare<number>('NumericLessThan'),
  numericLessThanPath: compare<string>('NumericLessThanPath'),
  numericGreaterThan: compare<number>('NumericGreaterThan'),
  numericGreaterThanPath: compare<string>('NumericGreaterThanPath'),
  numericLessThanEquals: compare<number>('NumericLessThanEquals'),
  numericLessThanEqualsPath: compare<string>('NumericLessThanEqualsPath'),
  numericGreaterThanEquals: compare<number>('NumericGreaterThanEquals'),
  numericGreaterThanEqualsPath: compare<string>('NumericGreaterThanEqualsPath'),
  booleanEquals: compare<boolean>('BooleanEquals'),
  booleanEqualsPath: compare<string>('BooleanEqualsPath'),
  timestampEquals: compare<string>('TimestampEquals'),
  timestampEqualsPath: compare<string>('TimestampEqualsPath'),
  timestampLessThan: compare<string>('TimestampLessThan'),
  timestampLessThanPath: compare<string>('TimestampLessThanPath'),
  timestampGreaterThan: compare<string>('TimestampGreaterThan'),
  timestampGreaterThanPath: compare<string>('TimestampGreaterThanPath'),
  timestampLessThanEquals: compare<string>('TimestampLessThanEquals'),
  timestampLessThanEqualsPath: compare<string>('TimestampLessThanEqualsPath'),
  timestampGreaterThanEquals: compare<string>('TimestampGreaterThanEquals'),
  timestampGreaterThanEqualsPath: compare<string>('TimestampGreaterThanEqualsPath'),
  isNull: typeTest('IsNull'),
  isPresent: typeTest('IsPresent'),
  isNumeric: typeTest('IsNumeric'),
  isString: typeTest('IsString'),
  isBoolean: typeTest('IsBoolean'),
  isTimestamp: typeTest('IsTimestamp'),
  /** Every condition holds. */
  and: (...conditions: JsonPathCondition[]): JsonPathCondition => ({ kind: 'and', conditions }),
  /** At least one condition holds. */
  or: (...conditions: JsonPathCondition[]): JsonPathCondition => ({ kind: 'or', conditions }),
  /** The condition does not hold. */
  not: (condition: JsonPathCondition): JsonPathCondition => ({ kind: 'not', condition }),
  /** A JSONata `Condition` (for JSONata Choice states); pass the bare expression. */
  jsonata: (expression: string): JsonataCondition => ({ kind: 'jsonata', expression }),
};

type Cmp<T, V, W = V> = (variable: JsonPathTo<T, V>, value: W) => JsonPathCondition;
type CmpPath<T, V> = (variable: JsonPathTo<T, V>, other: JsonPathTo<T, V>) => JsonPathCondition;
type TypeTest<T> = (variable: JsonPath<T>, value?: boolean) => JsonPathCondition;

/** The condition factories with every path checked against T (the data the Choice state sees). */
export interface TypedConditions<T> {
  stringEquals: Cmp<T, string>;
  stringEqualsPath: CmpPath<T, string>;
  stringLessThan: Cmp<T, string>;
  stringLessThanPath: CmpPath<T, string>;
  stringGreaterThan: Cmp<T, string>;
  stringGreaterThanPath: CmpPath<T, string>;
  stringLessThanEquals: Cmp<T, string>;
  stringLessThanEqualsPath: CmpPath<T, string>;
  stringGreaterThanEquals: Cmp<T, string>;
  stringGreaterThanEqualsPath: CmpPath<T, string>;
  stringMatches: Cmp<T, string>;
  numericEquals: Cmp<T, number>;
  numericEqualsPath: CmpPath<T, number>;
  numericLessThan: Cmp<T, number>;
  numericLessThanPath: CmpPath<T, number>;
  numericGreaterThan: Cmp<T, number>;
  numericGreaterThanPath: CmpPath<T, number>;
  numericLessThanEquals: Cmp<T, number>;
  numericLessThanEqualsPath: CmpPath<T, number>;
  numericGreaterThanEquals: Cmp<T, number>;
  numericGreaterThanEqualsPath: CmpPath<T, number>;
  booleanEquals: Cmp<T, boolean>;
  booleanEqualsPath: CmpPath<T, boolean>;
  timestampEquals: Cmp<T, string>;
  timestampEqualsPath: CmpPath<T, string>;
  timestampLessThan: Cmp<T, string>;
  timestampLessThanPath: CmpPath<T, string>;
  timestampGreaterThan: Cmp<T, string>;
  timestampGreaterThanPath: CmpPath<T, string>;
  timestampLessThanEquals: Cmp<T, string>;
  timestampLessThanEqualsPath: CmpPath<T, string>;
  timestampGreaterThanEquals: Cmp<T, string>;
  timestampGreaterThanEqualsPath: CmpPath<T, string>;
  isNull: TypeTest<T>;
  isPresent: TypeTest<T>;
  isNumeric: TypeTest<T>;
  isString: TypeTest<T>;
  isBoolean: TypeTest<T>;
  isTimestamp: TypeTest<T>;
  and(...conditions: JsonPathCondition[]): JsonPathCondition;
  or(...conditions: JsonPathCondition[]): JsonPathCondition;
  not(condition: JsonPathCondition): JsonPathCondition;
  jsonata(expression: string): JsonataCondition;
}

/** The condition factories typed against T: `conditions<Order>().booleanEquals('$.paid', true)`. */
export function conditions<T>(): TypedConditions<T> {
  return Condition as unknown as TypedConditions<T>;
}

/** Renders a condition to its ASL object (without `Next`). */
export function renderCondition(condition: Condition): Record<string, unknown> {
  switch (condition.kind) {
    case 'compare':
      return { Variable: condition.variable, [condition.operator]: condition.value };
    case 'and':
      return { And: condition.conditions.map(renderCondition) };
    case 'or':
      return { Or: condition.conditions.map(renderCondition) };
    case 'not':
      return { Not: renderCondition(condition.condition) };
    case 'jsonata':
      return { Condition: jsonata(condition.expression) };
  }
}
