import { PolicyDocumentError } from './policy-document.js';
import { substituteVariables } from './policy-variables.js';
import type { RequestContext } from './request-context.js';
import { arnMatch, wildcardMatch } from './wildcard.js';

type Compare = (policyValue: string, requestValue: string) => boolean;

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
const numeric =
  (test: (policy: number, request: number) => boolean): Compare =>
  (p, r) => {
    const [a, b] = [number(p), number(r)];
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };

/** The positive operators; each `…Not…` operator is the negation of one of them. */
const POSITIVE: Readonly<Record<string, Compare>> = {
  StringEquals: (p, r) => p === r,
  StringEqualsIgnoreCase: (p, r) => p.toLowerCase() === r.toLowerCase(),
  StringLike: (p, r) => wildcardMatch(p, r),
  ArnEquals: (p, r) => arnMatch(p, r),
  ArnLike: (p, r) => arnMatch(p, r),
  Bool: (p, r) => p.toLowerCase() === r.toLowerCase(),
  NumericEquals: numeric((p, r) => r === p),
  NumericLessThan: numeric((p, r) => r < p),
  NumericLessThanEquals: numeric((p, r) => r <= p),
  NumericGreaterThan: numeric((p, r) => r > p),
  NumericGreaterThanEquals: numeric((p, r) => r >= p),
};
const NEGATED: Readonly<Record<string, string>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
};
/** Values of these operators may hold policy variables (IAM substitutes them in string and ARN operators). */
const WITH_VARIABLES = /^(String|Arn)/;

interface Operator {
  readonly name: string;
  readonly compare: Compare | 'null';
  readonly negated: boolean;
  readonly ifExists: boolean;
}

/** Read an operator name such as `ArnLike` or `StringNotEqualsIfExists`; throws for one this evaluator lacks. */
export function conditionOperator(name: string): Operator {
  if (name.includes(':')) {
    throw new PolicyDocumentError(
      `condition operator ${name}: the set qualifiers ForAnyValue:/ForAllValues: are not evaluated locally`,
    );
  }
  if (name === 'Null') return { name, compare: 'null', negated: false, ifExists: false };
  const ifExists = name.endsWith('IfExists');
  const base = ifExists ? name.slice(0, -'IfExists'.length) : name;
  const positive = NEGATED[base] ?? base;
  const compare = POSITIVE[positive];
  if (compare === undefined) {
    const known = [...Object.keys(POSITIVE), ...Object.keys(NEGATED), 'Null'].join(', ');
    throw new PolicyDocumentError(
      `condition operator ${name} is not evaluated locally (known: ${known}, each also …IfExists)`,
    );
  }
  return { name: positive, compare, negated: positive !== base, ifExists };
}

/**
 * Whether a statement's Condition block holds for the request: every operator, every key under it; a key
 * matches when any of its values does (none of them, for the negated operators). A key the request lacks
 * fails a positive operator and passes a negated one or an …IfExists one.
 */
export function conditionsHold(
  condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> | undefined,
  context: RequestContext,
): boolean {
  if (condition === undefined) return true;
  for (const [operatorName, keys] of Object.entries(condition)) {
    const operator = conditionOperator(operatorName);
    for (const [key, values] of Object.entries(keys)) {
      if (!keyHolds(operator, context.get(key.toLowerCase()), values, context)) return false;
    }
  }
  return true;
}

function keyHolds(
  operator: Operator,
  requestValue: string | undefined,
  values: readonly string[],
  context: RequestContext,
): boolean {
  if (operator.compare === 'null') {
    // Null: "true" means the key must be absent, "false" that it must be present.
    return values.some((v) => (v.toLowerCase() === 'true') === (requestValue === undefined));
  }
  if (requestValue === undefined) return operator.ifExists || operator.negated;
  const compare = operator.compare;
  const matched = values.some((raw) => {
    const value = WITH_VARIABLES.test(operator.name) ? substituteVariables(raw, context) : raw;
    return value !== undefined && compare(value, requestValue);
  });
  return operator.negated ? !matched : matched;
}
