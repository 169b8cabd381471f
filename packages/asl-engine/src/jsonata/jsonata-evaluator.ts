import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { STATES_ERRORS, StatesError } from '../errors.js';
import { HASH_ALGORITHMS } from '../intrinsics/intrinsic-functions.js';
import { copyJson } from '../runtime/json-values.js';
import type { VariableScope } from '../runtime/variable-scope.js';
import type { Clock } from '../types.js';

/** The `$states` binding of a JSONata expression. */
export interface StatesBinding {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

/** What a JSONata expression can see. */
export interface JsonataEnv {
  readonly states: StatesBinding;
  readonly vars: VariableScope;
  /** Prefix for error causes. */
  readonly where: string;
  /** The execution's clock: `$now()` and `$millis()` read it, so virtual time reaches expressions too. */
  readonly clock?: Clock;
}

function qe(msg: string): never {
  throw new StatesError(STATES_ERRORS.QueryEvaluationError, msg);
}

/** Step Functions' JSONata extensions ($partition, $range, $hash, $random, $uuid, $parse). */
const EXTENSIONS: Record<string, (...args: never[]) => unknown> = {
  partition: (arr: unknown, size: unknown) => {
    const a = Array.isArray(arr) ? arr : arr === undefined ? [] : [arr];
    if (typeof size !== 'number' && size !== undefined) qe('$partition: size must be a number');
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0)
      qe('$partition: size must be a positive integer');
    const out: unknown[][] = [];
    for (let i = 0; i < a.length; i += size) out.push(a.slice(i, i + size));
    return out;
  },
  range: (start: unknown, end: unknown, step: unknown) => {
    if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number')
      qe('$range: arguments must be numbers');
    if (!Number.isInteger(start) || !Number.isInteger(end) || !Number.isInteger(step))
      qe('$range: arguments must be integers');
    if (step === 0) qe('$range: step must not be 0');
    const out: number[] = [];
    if (step > 0) for (let x = start; x <= end; x += step) out.push(x);
    else for (let x = start; x >= end; x += step) out.push(x);
    if (out.length > 1000) qe('$range: the result has more than 1000 items');
    return asSequence(out);
  },
  hash: (data: unknown, alg: unknown) => {
    const algorithm = typeof alg === 'string' ? HASH_ALGORITHMS[alg] : undefined;
    if (!algorithm) qe(`$hash: unsupported algorithm ${String(alg)}`);
    if (data === undefined || data === null) qe('$hash: data must not be null');
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return createHash(algorithm).update(text, 'utf8').digest('hex');
  },
  random: (seed: unknown) => {
    if (seed === undefined) return Math.random();
    if (typeof seed !== 'number' || !Number.isInteger(seed)) qe('$random: seed must be an integer');
    let t = (seed + 0x6d2b79f5) | 0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  },
  uuid: () => randomUUID(),
  parse: (text: unknown) => {
    if (typeof text !== 'string') qe('$parse: argument must be a string');
    try {
      return JSON.parse(text);
    } catch {
      qe(`$parse: invalid JSON: ${text}`);
    }
  },
};

/** Marks an array as a JSONata sequence, so a single-item result collapses to its item. */
function asSequence<T>(arr: T[]): T[] {
  Object.defineProperty(arr, 'sequence', { value: true, enumerable: false });
  return arr;
}

const compiled = new Map<string, CompiledExpression>();

/** A parsed expression, or why it does not parse. */
interface CompiledExpression {
  readonly expression: jsonata.Expression | undefined;
  readonly error: string | undefined;
}

/** Parses (and caches) an expression with the Step Functions functions registered. */
function compileExpression(expr: string): CompiledExpression {
  let c = compiled.get(expr);
  if (c) return c;
  try {
    const e = jsonata(expr);
    for (const [name, fn] of Object.entries(EXTENSIONS))
      e.registerFunction(name, fn as (...args: unknown[]) => unknown);
    c = { expression: e, error: undefined };
  } catch (err) {
    c = { expression: undefined, error: err instanceof Error ? err.message : String(err) };
  }
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(expr, c);
  return c;
}

/** The parse error of a JSONata expression, or undefined when it parses. */
export function jsonataSyntaxError(expr: string): string | undefined {
  return compileExpression(expr.trim()).error;
}

/** True when a string is a `{% … %}` JSONata template. */
export function isJsonataTemplate(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('{%') && v.endsWith('%}') && v.length >= 4;
}

/** Extracts the expression of a `{% … %}` template. */
export function templateBody(v: string): string {
  return v.slice(2, -2).trim();
}

/**
 * A JSONata-mode value compiled once: every `{% %}` string parsed, with the field name its errors
 * report (`Arguments/Payload`, `Items[2]`). A part without expressions is kept whole and copied.
 */
export type JsonataTemplate =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonataTemplate])[] }
  | { readonly kind: 'array'; readonly items: readonly JsonataTemplate[] }
  | {
      readonly kind: 'expr';
      /** The expression without the `{% %}` markers. */
      readonly expr: string;
      readonly field: string;
      readonly compiled: CompiledExpression;
    };

/** Compiles a payload (Arguments, Output, Assign, ItemSelector, ...): `{% %}` strings at any depth. */
export function compileJsonataTemplate(value: unknown, field: string): JsonataTemplate {
  if (isJsonataTemplate(value)) return expressionNode(value, field);
  if (typeof value !== 'object' || value === null || !hasExpression(value)) return { kind: 'value', value };
  if (Array.isArray(value))
    return { kind: 'array', items: value.map((v, i) => compileJsonataTemplate(v, `${field}[${i}]`)) };
  return {
    kind: 'object',
    entries: Object.entries(value).map(([k, v]) => [k, compileJsonataTemplate(v, `${field}/${k}`)] as const),
  };
}

/** Compiles a single-valued field (Condition, Seconds, TimeoutSeconds, ...): a template or a literal. */
export function compileJsonataField(value: unknown, field: string): JsonataTemplate {
  return isJsonataTemplate(value) ? expressionNode(value, field) : { kind: 'value', value };
}

function expressionNode(template: string, field: string): JsonataTemplate {
  const expr = templateBody(template);
  return { kind: 'expr', expr, field, compiled: compileExpression(expr) };
}

function hasExpression(value: unknown): boolean {
  if (typeof value === 'string') return isJsonataTemplate(value);
  if (Array.isArray(value)) return value.some(hasExpression);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
  return false;
}

// JSONata's own $fromMillis formats $now(picture, timezone) exactly as the built-in would.
const FROM_MILLIS = jsonata('$fromMillis($t, $picture, $timezone)');

function bindings(env: JsonataEnv): Record<string, unknown> {
  const b = env.vars.isEmpty() ? {} : env.vars.flatten();
  b.states = env.states;
  if (env.clock !== undefined) {
    // One instant per evaluation, as the built-ins have.
    const t = env.clock.now();
    b.millis = () => t;
    b.now = (picture?: string, timezone?: string) =>
      picture === undefined && timezone === undefined
        ? new Date(t).toISOString()
        : FROM_MILLIS.evaluate({}, { t, picture, timezone });
  }
  return b;
}

/** Turns a JSONata result into plain JSON (sequences -> arrays; functions rejected). */
function toJson(v: unknown, expr: string, field: string, where: string): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'function')
      qe(
        `${where} The JSONata expression '${expr}' specified for the field '${field}' returned an unsupported result type.`,
      );
    if (typeof v === 'number' && !Number.isFinite(v))
      qe(
        `${where} The JSONata expression '${expr}' specified for the field '${field}' returned a non-finite number.`,
      );
    return v;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const y = toJson(x, expr, field, where);
      if (y !== undefined) out.push(y);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const y = toJson((v as Record<string, unknown>)[k], expr, field, where);
    if (y !== undefined) out[k] = y;
  }
  return out;
}

/** Evaluates an expression node; a field must produce a value (QueryEvaluationError when it returns nothing). */
async function evaluateExpression(
  node: JsonataTemplate & { kind: 'expr' },
  env: JsonataEnv,
): Promise<unknown> {
  const { expr, field } = node;
  const e = node.compiled.expression;
  if (!e) qe(`${env.where} The JSONata expression '${expr}' is invalid: ${node.compiled.error}`);
  let r: unknown;
  try {
    r = await e.evaluate(env.states.input, bindings(env));
  } catch (err) {
    if (err instanceof StatesError) {
      throw new StatesError(err.error, `${env.where} ${err.cause ?? ''}`);
    }
    const m = err instanceof Error ? err.message : String(err);
    qe(
      `${env.where} An error occurred while evaluating the JSONata expression '${expr}' specified for the field '${field}': ${m}`,
    );
  }
  const out = toJson(r, expr, field, env.where);
  if (out === undefined)
    qe(
      `${env.where} The JSONata expression '${expr}' specified for the field '${field}' returned nothing (undefined).`,
    );
  return out;
}

/** Evaluates a compiled template: every expression in it is replaced by its value. */
export async function evaluateJsonata(t: JsonataTemplate, env: JsonataEnv): Promise<unknown> {
  switch (t.kind) {
    case 'value':
      return copyJson(t.value);
    case 'expr':
      return evaluateExpression(t, env);
    case 'array': {
      const out: unknown[] = [];
      for (const item of t.items) out.push(await evaluateJsonata(item, env));
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, value] of t.entries) out[key] = await evaluateJsonata(value, env);
      return out;
    }
  }
}
