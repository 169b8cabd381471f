import { STATES_ERRORS, StatesError } from '../errors.js';
import { evaluateIntrinsic, isIntrinsic, parseIntrinsic } from '../intrinsics/intrinsic-functions.js';
import { compilePath, JsonPathSyntaxError, NOT_FOUND, queryPath } from '../jsonpath/json-path.js';
import type { VariableScope } from './variable-scope.js';

/** Where an expression is evaluated: the state (for error causes) and its context object. */
export interface EnvAnchor {
  /** Prefix for error causes: "An error occurred while executing the state 'X' (entered at ...)." */
  readonly where: string;
  /** The context object, built on demand (most expressions never read `$$`). */
  contextObject(map?: MapItem): unknown;
}

/** `$$.Map.Item` while an ItemSelector is evaluated. */
export interface MapItem {
  Index: number;
  Value: unknown;
}

/** What a JSONPath expression can see: the state input (`$`), the context object (`$$`), variables. */
export interface PathEnv {
  readonly input: unknown;
  readonly vars: VariableScope;
  readonly at: EnvAnchor;
  readonly map?: MapItem | undefined;
}

/** The same environment over another input. */
export function withInput(env: PathEnv, input: unknown): PathEnv {
  return { input, vars: env.vars, at: env.at, map: env.map };
}

const VAR_RE = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s;

/** Resolves `$…`, `$$…` or `$var…`; undefined result means "not found" (NOT_FOUND symbol). */
export function lookupPath(path: string, env: PathEnv): unknown {
  try {
    if (path.startsWith('$$')) return queryPath(compilePath(path.slice(1)), env.at.contextObject(env.map));
    if (path === '$' || path[1] === '.' || path[1] === '[') return queryPath(compilePath(path), env.input);
    const m = VAR_RE.exec(path);
    if (m) {
      const name = m[1]!;
      if (!env.vars.has(name)) return NOT_FOUND;
      const rest = m[2] ?? '';
      const value = env.vars.get(name);
      return rest === '' ? value : queryPath(compilePath('$' + rest), value);
    }
    return queryPath(compilePath(path), env.input);
  } catch (e) {
    if (e instanceof JsonPathSyntaxError)
      throw new StatesError(STATES_ERRORS.Runtime, `${env.at.where} ${e.message}`);
    throw e;
  }
}

/** Resolves a path that must exist (States.Runtime otherwise). */
export function requirePath(path: string, env: PathEnv, field: string): unknown {
  const v = lookupPath(path, env);
  if (v === NOT_FOUND) {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${env.at.where} The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${safeJson(env.input)}'`,
    );
  }
  return v;
}

/** Applies InputPath / OutputPath (null means "{}"). */
export function selectPath(path: string | null | undefined, value: unknown, env: PathEnv): unknown {
  if (path === undefined || path === '$') return value;
  if (path === null) return {};
  const v = lookupPath(path, withInput(env, value));
  if (v === NOT_FOUND) {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${env.at.where} Invalid path '${path}' : ${describeMissing(path, value)}`,
    );
  }
  return v;
}

/** Jayway's wording for a path that matched nothing (which segment was missing matters). */
function describeMissing(path: string, root: unknown): string {
  let segs: readonly { kind: string; name?: string | undefined; index?: number | undefined }[];
  try {
    segs = compilePath(path).segments;
  } catch {
    return `No results for path: ${path}`;
  }
  let cur: unknown = root;
  const parts: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg.kind === 'name') parts.push(`['${seg.name}']`);
    else if (seg.kind === 'index') parts.push(`[${seg.index}]`);
    else return `No results for path: ${path}`;
    const next =
      seg.kind === 'name'
        ? typeof cur === 'object' && cur !== null && !Array.isArray(cur) && Object.hasOwn(cur, seg.name!)
          ? (cur as Record<string, unknown>)[seg.name!]
          : NOT_FOUND
        : Array.isArray(cur) && seg.index! < cur.length
          ? cur[seg.index! < 0 ? cur.length + seg.index! : seg.index!]
          : NOT_FOUND;
    if (next === NOT_FOUND) {
      if (i < segs.length - 1) return `Missing property in path $${parts.join('')}`;
      break;
    }
    cur = next;
  }
  return `No results for path: $${segs.map((g) => (g.kind === 'name' ? `['${g.name}']` : `[${g.index}]`)).join('')}`;
}

/** Evaluates a value given for a `.$` key: a path or an intrinsic function call. */
export function evaluateDynamic(expr: string, env: PathEnv, field: string): unknown {
  if (isIntrinsic(expr)) {
    try {
      const call = parseIntrinsic(expr);
      return evaluateIntrinsic(call, (p) => requirePath(p, env, field));
    } catch (e) {
      if (e instanceof StatesError && e.error === STATES_ERRORS.IntrinsicFailure)
        throw new StatesError(STATES_ERRORS.Runtime, `${env.at.where} ${e.cause ?? ''}`);
      throw e;
    }
  }
  return requirePath(expr, env, field);
}

/** Processes a payload template (Parameters, ResultSelector, ItemSelector, Assign): resolves `.$` keys. */
export function applyTemplate(template: unknown, env: PathEnv): unknown {
  if (Array.isArray(template)) return template.map((t) => applyTemplate(t, env));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const key in template) {
    const v = (template as Record<string, unknown>)[key];
    if (key.endsWith('.$') && typeof v === 'string') {
      out[key.slice(0, -2)] = evaluateDynamic(v, env, key);
    } else out[key] = applyTemplate(v, env);
  }
  return out;
}

/** Merges a result into the state input at ResultPath (undefined: `$`, null: discard). */
export function applyResultPath(
  path: string | null | undefined,
  input: unknown,
  result: unknown,
  env: PathEnv,
): unknown {
  if (path === undefined || path === '$') return result;
  if (path === null) return input;
  const compiled = compilePath(path);
  if (!compiled.definite)
    throw new StatesError(STATES_ERRORS.Runtime, `${env.at.where} Invalid ResultPath '${path}'`);
  const segs = compiled.segments;
  if (segs.length === 0) return result;
  const setIn = (cur: unknown, i: number): unknown => {
    const seg = segs[i]!;
    const last = i === segs.length - 1;
    if (seg.kind === 'name') {
      if (cur !== undefined && (typeof cur !== 'object' || cur === null || Array.isArray(cur))) {
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${env.at.where} Unable to apply ResultPath '${path}': the value at that point is not a JSON object`,
        );
      }
      const obj: Record<string, unknown> = { ...(cur as Record<string, unknown> | undefined) };
      obj[seg.name] = last ? result : setIn(obj[seg.name], i + 1);
      return obj;
    }
    if (seg.kind === 'index' && Array.isArray(cur)) {
      const arr = cur.slice();
      const idx = seg.index < 0 ? arr.length + seg.index : seg.index;
      if (idx < 0 || idx >= arr.length)
        throw new StatesError(STATES_ERRORS.Runtime, `${env.at.where} Invalid ResultPath '${path}'`);
      arr[idx] = last ? result : setIn(arr[idx], i + 1);
      return arr;
    }
    throw new StatesError(STATES_ERRORS.Runtime, `${env.at.where} Invalid ResultPath '${path}'`);
  };
  return setIn(input, 0);
}

/** JSON text for error causes, tolerant of undefined. */
export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(v);
  }
}
