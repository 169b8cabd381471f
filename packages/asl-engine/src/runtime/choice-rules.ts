import { STATES_ERRORS, StatesError } from '../errors.js';
import { NOT_FOUND } from '../jsonpath/json-path.js';
import { compileReference, lookupReference, type PathReference, type PathScope } from './json-path-io.js';
import { parseTimestamp } from './timestamps.js';

type Rule = Record<string, unknown>;

const COMPARATORS = [
  'StringEquals',
  'StringLessThan',
  'StringGreaterThan',
  'StringLessThanEquals',
  'StringGreaterThanEquals',
  'StringMatches',
  'NumericEquals',
  'NumericLessThan',
  'NumericGreaterThan',
  'NumericLessThanEquals',
  'NumericGreaterThanEquals',
  'BooleanEquals',
  'TimestampEquals',
  'TimestampLessThan',
  'TimestampGreaterThan',
  'TimestampLessThanEquals',
  'TimestampGreaterThanEquals',
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
] as const;

/** Every comparison operator a JSONPath Choice rule may use (with and without the `Path` suffix). */
export const CHOICE_OPERATORS: ReadonlySet<string> = new Set([
  ...COMPARATORS,
  ...COMPARATORS.filter((c) => !c.startsWith('Is') && c !== 'StringMatches').map((c) => c + 'Path'),
]);

/** A JSONPath Choice rule parsed once: combinators, or one comparison of a variable. */
export type CompiledRule =
  | { readonly kind: 'and' | 'or'; readonly rules: readonly CompiledRule[] }
  | { readonly kind: 'not'; readonly rule: CompiledRule }
  | {
      readonly kind: 'compare';
      readonly variable: PathReference;
      /** The operator without its `Path` suffix. */
      readonly op: string;
      readonly expected: unknown;
      /** For a `…Path` operator: where the expected value is read. */
      readonly expectedPath: PathReference | undefined;
    }
  /** A rule Step Functions would reject; evaluating it fails the state. */
  | { readonly kind: 'invalid'; readonly message: string };

const SKIPPED = new Set(['Variable', 'Next', 'Comment', 'Assign', 'Output']);

export function compileRule(rule: Rule): CompiledRule {
  if (Array.isArray(rule.And)) return { kind: 'and', rules: (rule.And as Rule[]).map(compileRule) };
  if (Array.isArray(rule.Or)) return { kind: 'or', rules: (rule.Or as Rule[]).map(compileRule) };
  if (rule.Not && typeof rule.Not === 'object') return { kind: 'not', rule: compileRule(rule.Not as Rule) };
  const variable = rule.Variable;
  if (typeof variable !== 'string') return { kind: 'invalid', message: 'Choice rule has no Variable' };
  for (const key in rule) {
    if (SKIPPED.has(key) || !CHOICE_OPERATORS.has(key)) continue;
    const byPath = key.endsWith('Path');
    return {
      kind: 'compare',
      variable: compileReference(variable),
      op: byPath ? key.slice(0, -4) : key,
      expected: rule[key],
      expectedPath: byPath ? compileReference(String(rule[key])) : undefined,
    };
  }
  return { kind: 'invalid', message: 'Choice rule has no comparison operator' };
}

function resolveOrFail(ref: PathReference, root: unknown, scope: PathScope): unknown {
  const v = lookupReference(ref, root, scope);
  if (v === NOT_FOUND)
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${scope.where} Invalid path '${ref.source}' : No results for path: ${ref.source}`,
    );
  return v;
}

/** Evaluates a compiled JSONPath Choice rule against the effective input. */
export function testRule(rule: CompiledRule, root: unknown, scope: PathScope): boolean {
  switch (rule.kind) {
    case 'and':
      return rule.rules.every((r) => testRule(r, root, scope));
    case 'or':
      return rule.rules.some((r) => testRule(r, root, scope));
    case 'not':
      return !testRule(rule.rule, root, scope);
    case 'invalid':
      throw new StatesError(STATES_ERRORS.Runtime, `${scope.where} ${rule.message}`);
    case 'compare': {
      const expected = rule.expectedPath ? resolveOrFail(rule.expectedPath, root, scope) : rule.expected;
      const value = lookupReference(rule.variable, root, scope);
      if (rule.op === 'IsPresent') return (value !== NOT_FOUND) === expected;
      if (value === NOT_FOUND) {
        const source = rule.variable.source;
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${scope.where} Invalid path '${source}' : No results for path: ${source}`,
        );
      }
      return compare(rule.op, value, expected);
    }
  }
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case 'IsNull':
      return (a === null) === b;
    case 'IsNumeric':
      return (typeof a === 'number') === b;
    case 'IsString':
      return (typeof a === 'string') === b;
    case 'IsBoolean':
      return (typeof a === 'boolean') === b;
    case 'IsTimestamp':
      return (typeof a === 'string' && parseTimestamp(a) !== undefined) === b;
    case 'BooleanEquals':
      return typeof a === 'boolean' && a === b;
    case 'StringMatches':
      return typeof a === 'string' && typeof b === 'string' && wildcardMatch(b, a);
  }
  if (op.startsWith('String')) {
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    return ordered(op.slice(6), a, b);
  }
  if (op.startsWith('Numeric')) {
    if (typeof a !== 'number' || typeof b !== 'number') return false;
    return ordered(op.slice(7), a, b);
  }
  if (op.startsWith('Timestamp')) {
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    const ta = parseTimestamp(a);
    const tb = parseTimestamp(b);
    if (ta === undefined || tb === undefined) return false;
    return ordered(op.slice(9), ta, tb);
  }
  return false;
}

function ordered(rel: string, a: string | number, b: string | number): boolean {
  switch (rel) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThanEquals':
      return a >= b;
    default:
      return false;
  }
}

const patternCache = new Map<string, RegExp>();

/** StringMatches: `*` matches any run of characters; `\*` and `\\` are literals. */
function wildcardMatch(pattern: string, s: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern.charAt(i);
      if (ch === '\\' && i + 1 < pattern.length) {
        src += escapeRe(pattern.charAt(i + 1));
        i++;
      } else if (ch === '*') src += '[\\s\\S]*';
      else src += escapeRe(ch);
    }
    re = new RegExp(`^${src}$`);
    patternCache.set(pattern, re);
  }
  return re.test(s);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
