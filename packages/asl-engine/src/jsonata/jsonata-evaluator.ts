import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { STATES_ERRORS, StatesError } from '../errors.js';
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

const cache = new Map<string, jsonata.Expression>();

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
    const algs: Record<string, string> = {
      MD5: 'md5',
      'SHA-1': 'sha1',
      'SHA-256': 'sha256',
      'SHA-384': 'sha384',
      'SHA-512': 'sha512',
    };
    if (typeof alg !== 'string' || !algs[alg]) qe(`$hash: unsupported algorithm ${String(alg)}`);
    if (data === undefined || data === null) qe('$hash: data must not be null');
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return createHash(algs[alg]!).update(text, 'utf8').digest('hex');
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

function compile(expr: string, where: string): jsonata.Expression {
  let e = cache.get(expr);
  if (e) return e;
  try {
    e = jsonata(expr);
  } catch (err) {
    const m = err instanceof Error ? err.message : String(err);
    qe(`${where} The JSONata expression '${expr}' is invalid: ${m}`);
  }
  for (const [name, fn] of Object.entries(EXTENSIONS)) {
    e.registerFunction(name, fn as (...args: unknown[]) => unknown);
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(expr, e);
  return e;
}

/** The parse error of a JSONata expression, or undefined when it parses. */
export function jsonataSyntaxError(expr: string): string | undefined {
  try {
    jsonata(expr.trim());
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** True when a string is a `{% … %}` JSONata template. */
export function isJsonataTemplate(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('{%') && v.endsWith('%}') && v.length >= 4;
}

/** Extracts the expression of a `{% … %}` template. */
export function templateBody(v: string): string {
  return v.slice(2, -2).trim();
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

/** Evaluates one JSONata expression (without the `{% %}` markers). Undefined means "returned nothing". */
export async function evaluateExpression(expr: string, env: JsonataEnv, field: string): Promise<unknown> {
  const e = compile(expr, env.where);
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
  return toJson(r, expr, field, env.where);
}

/** Evaluates a field that must produce a value (QueryEvaluationError when it returns nothing). */
export async function evaluateRequired(template: string, env: JsonataEnv, field: string): Promise<unknown> {
  const expr = templateBody(template);
  const r = await evaluateExpression(expr, env, field);
  if (r === undefined)
    qe(
      `${env.where} The JSONata expression '${expr}' specified for the field '${field}' returned nothing (undefined).`,
    );
  return r;
}

/**
 * Evaluates a JSONata-mode payload (Arguments, Output, Assign values, ItemSelector): every
 * `{% %}` string anywhere in it is replaced by its value.
 */
export async function evaluateTemplate(value: unknown, env: JsonataEnv, field: string): Promise<unknown> {
  if (typeof value === 'string') {
    if (isJsonataTemplate(value)) return evaluateRequired(value, env, field);
    return value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(await evaluateTemplate(value[i], env, `${field}[${i}]`));
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      out[k] = await evaluateTemplate((value as Record<string, unknown>)[k], env, `${field}/${k}`);
    }
    return out;
  }
  return value;
}

/** True when a payload contains no `{% %}` string (so it can be used as-is). */
export function isStaticPayload(value: unknown): boolean {
  if (typeof value === 'string') return !isJsonataTemplate(value);
  if (Array.isArray(value)) return value.every(isStaticPayload);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isStaticPayload);
  return true;
}
