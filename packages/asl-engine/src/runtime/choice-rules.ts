import { STATES_ERRORS, StatesError } from '../errors.js';
import { NOT_FOUND } from '../jsonpath/json-path.js';
import { lookupPath, type PathEnv } from './json-path-io.js';
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

function resolveOrFail(path: string, env: PathEnv): unknown {
  const v = lookupPath(path, env);
  if (v === NOT_FOUND)
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${env.at.where} Invalid path '${path}' : No results for path: ${path}`,
    );
  return v;
}

/** Evaluates a JSONPath Choice rule (boolean combinators included). */
export function evaluateRule(rule: Rule, env: PathEnv): boolean {
  if (Array.isArray(rule.And)) return (rule.And as Rule[]).every((r) => evaluateRule(r, env));
  if (Array.isArray(rule.Or)) return (rule.Or as Rule[]).some((r) => evaluateRule(r, env));
  if (rule.Not && typeof rule.Not === 'object') return !evaluateRule(rule.Not as Rule, env);
  const variable = rule.Variable;
  if (typeof variable !== 'string')
    throw new StatesError(STATES_ERRORS.Runtime, `${env.at.where} Choice rule has no Variable`);
  for (const key in rule) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment' || key === 'Assign' || key === 'Output')
      continue;
    if (!CHOICE_OPERATORS.has(key)) continue;
    let expected = rule[key];
    let op = key;
    if (key.endsWith('Path')) {
      op = key.slice(0, -4);
      expected = resolveOrFail(String(expected), env);
    }
    const value = lookupPath(variable, env);
    if (op === 'IsPresent') return (value !== NOT_FOUND) === expected;
    if (value === NOT_FOUND) {
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `${env.at.where} Invalid path '${variable}' : No results for path: ${variable}`,
      );
    }
    return compare(op, value, expected);
  }
  throw new StatesError(STATES_ERRORS.Runtime, `${env.at.where} Choice rule has no comparison operator`);
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
      const ch = pattern[i]!;
      if (ch === '\\' && i + 1 < pattern.length) {
        src += escapeRe(pattern[i + 1]!);
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
