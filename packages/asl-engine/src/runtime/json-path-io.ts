/**
 * JSONPath data flow, compiled once at load and evaluated per state visit: path references (`$…`,
 * `$$…`, `$var…`), InputPath/OutputPath selectors, ResultPath setters and payload templates (`.$` keys).
 */
import { STATES_ERRORS, StatesError } from '../errors.js';
import {
  evaluateIntrinsic,
  type IntrinsicArg,
  isIntrinsic,
  parseIntrinsic,
} from '../intrinsics/intrinsic-functions.js';
import {
  type CompiledPath,
  compilePath,
  JsonPathSyntaxError,
  NOT_FOUND,
  queryPath,
} from '../jsonpath/json-path.js';
import { copyJson, safeJson } from './json-values.js';
import type { VariableScope } from './variable-scope.js';

/** What a JSONPath expression sees besides its root `$`: variables, the context object `$$`, and where it runs. */
export interface PathScope {
  readonly vars: VariableScope;
  /** Prefix for error causes: "An error occurred while executing the state 'X' (entered at ...)." */
  readonly where: string;
  /** The context object, built on demand (most expressions never read `$$`). */
  contextObject(): unknown;
}

/** `$$.Map.Item` while an ItemSelector is evaluated. */
export interface MapItem {
  Index: number;
  Value: unknown;
}

/** A path parsed once: which root it reads and the compiled path below it. */
export type PathReference =
  | { readonly root: 'input' | 'context'; readonly source: string; readonly path: CompiledPath }
  | {
      readonly root: 'variable';
      readonly source: string;
      readonly name: string;
      /** The path below the variable; `restError` when it does not parse (reported only if the variable is set). */
      readonly rest: CompiledPath | undefined;
      readonly restError: unknown;
    }
  /** A path that does not parse fails when evaluated, as Step Functions fails it at run time. */
  | { readonly root: 'invalid'; readonly source: string; readonly error: unknown };

const VAR_RE = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s;
const references = new Map<string, PathReference>();

/** Parses (and caches) a path reference. */
export function compileReference(source: string): PathReference {
  let ref = references.get(source);
  if (ref) return ref;
  ref = parseReference(source);
  if (references.size > 10_000) references.clear();
  references.set(source, ref);
  return ref;
}

function parseReference(source: string): PathReference {
  try {
    if (source.startsWith('$$')) return { root: 'context', source, path: compilePath(source.slice(1)) };
    if (source === '$' || source[1] === '.' || source[1] === '[')
      return { root: 'input', source, path: compilePath(source) };
    const m = VAR_RE.exec(source);
    if (m?.[1] !== undefined) return variableReference(source, m[1], m[2] ?? '');
    return { root: 'input', source, path: compilePath(source) };
  } catch (error) {
    return { root: 'invalid', source, error };
  }
}

function variableReference(source: string, name: string, rest: string): PathReference {
  if (rest === '') return { root: 'variable', source, name, rest: undefined, restError: undefined };
  try {
    return { root: 'variable', source, name, rest: compilePath('$' + rest), restError: undefined };
  } catch (restError) {
    return { root: 'variable', source, name, rest: undefined, restError };
  }
}

/** Resolves a reference against `$` (root); NOT_FOUND when nothing is there. */
export function lookupReference(ref: PathReference, root: unknown, scope: PathScope): unknown {
  switch (ref.root) {
    case 'input':
      return queryPath(ref.path, root);
    case 'context':
      return queryPath(ref.path, scope.contextObject());
    case 'variable': {
      if (!scope.vars.has(ref.name)) return NOT_FOUND;
      if (ref.restError !== undefined) throw syntaxFailure(ref.restError, scope);
      const value = scope.vars.get(ref.name);
      return ref.rest ? queryPath(ref.rest, value) : value;
    }
    case 'invalid':
      throw syntaxFailure(ref.error, scope);
  }
}

/** A path that did not parse fails the state with States.Runtime (other errors pass as they are). */
function syntaxFailure(error: unknown, scope: PathScope): unknown {
  return error instanceof JsonPathSyntaxError
    ? new StatesError(STATES_ERRORS.Runtime, `${scope.where} ${error.message}`)
    : error;
}

/** Resolves a reference that must exist (States.Runtime otherwise). */
export function requireReference(
  ref: PathReference,
  root: unknown,
  scope: PathScope,
  field: string,
): unknown {
  const v = lookupReference(ref, root, scope);
  if (v === NOT_FOUND) {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${scope.where} The JSONPath '${ref.source}' specified for the field '${field}' could not be found in the input '${safeJson(root)}'`,
    );
  }
  return v;
}

/** InputPath / OutputPath: undefined keeps the value (`$` or absent), null makes `{}`. */
export type PathSelector = PathReference | null | undefined;

export function compileSelector(path: string | null | undefined): PathSelector {
  if (path === undefined || path === '$') return undefined;
  if (path === null) return null;
  return compileReference(path);
}

export function selectPath(selector: PathSelector, value: unknown, scope: PathScope): unknown {
  if (selector === undefined) return value;
  if (selector === null) return {};
  const v = lookupReference(selector, value, scope);
  if (v === NOT_FOUND) {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${scope.where} Invalid path '${selector.source}' : ${describeMissing(selector.source, value)}`,
    );
  }
  return v;
}

/** Jayway's wording for a path that matched nothing (which segment was missing matters). */
function describeMissing(path: string, root: unknown): string {
  let segs: CompiledPath['segments'];
  try {
    segs = compilePath(path).segments;
  } catch {
    return `No results for path: ${path}`;
  }
  let cur: unknown = root;
  const parts: string[] = [];
  for (const [i, seg] of segs.entries()) {
    let next: unknown;
    if (seg.kind === 'name') {
      parts.push(`['${seg.name}']`);
      next =
        typeof cur === 'object' && cur !== null && !Array.isArray(cur) && Object.hasOwn(cur, seg.name)
          ? (cur as Record<string, unknown>)[seg.name]
          : NOT_FOUND;
    } else if (seg.kind === 'index') {
      parts.push(`[${seg.index}]`);
      next =
        Array.isArray(cur) && seg.index < cur.length
          ? cur[seg.index < 0 ? cur.length + seg.index : seg.index]
          : NOT_FOUND;
    } else return `No results for path: ${path}`;
    if (next === NOT_FOUND) {
      if (i < segs.length - 1) return `Missing property in path $${parts.join('')}`;
      break;
    }
    cur = next;
  }
  return `No results for path: $${parts.join('')}`;
}

/** ResultPath: undefined replaces the input with the result (`$` or absent), null discards the result. */
export type ResultPathSetter =
  | { readonly source: string; readonly path: CompiledPath | undefined; readonly error: unknown }
  | null
  | undefined;

export function compileResultPath(path: string | null | undefined): ResultPathSetter {
  if (path === undefined || path === '$') return undefined;
  if (path === null) return null;
  try {
    return { source: path, path: compilePath(path), error: undefined };
  } catch (error) {
    return { source: path, path: undefined, error };
  }
}

/** Merges a result into the state input at ResultPath. */
export function applyResultPath(
  setter: ResultPathSetter,
  input: unknown,
  result: unknown,
  scope: PathScope,
): unknown {
  if (setter === undefined) return result;
  if (setter === null) return input;
  const { source, path } = setter;
  if (!path) throw setter.error;
  if (!path.definite)
    throw new StatesError(STATES_ERRORS.Runtime, `${scope.where} Invalid ResultPath '${source}'`);
  const segs = path.segments;
  if (segs.length === 0) return result;
  const setIn = (cur: unknown, i: number): unknown => {
    const seg = segs[i];
    // past the last segment: this is where the result goes
    if (seg === undefined) return result;
    if (seg.kind === 'name') {
      if (cur !== undefined && (typeof cur !== 'object' || cur === null || Array.isArray(cur))) {
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${scope.where} Unable to apply ResultPath '${source}': the value at that point is not a JSON object`,
        );
      }
      const obj: Record<string, unknown> = { ...(cur as Record<string, unknown> | undefined) };
      obj[seg.name] = setIn(obj[seg.name], i + 1);
      return obj;
    }
    if (seg.kind === 'index' && Array.isArray(cur)) {
      const arr = cur.slice();
      const idx = seg.index < 0 ? arr.length + seg.index : seg.index;
      if (idx < 0 || idx >= arr.length)
        throw new StatesError(STATES_ERRORS.Runtime, `${scope.where} Invalid ResultPath '${source}'`);
      arr[idx] = setIn(arr[idx], i + 1);
      return arr;
    }
    throw new StatesError(STATES_ERRORS.Runtime, `${scope.where} Invalid ResultPath '${source}'`);
  };
  return setIn(input, 0);
}

/**
 * A payload template (Parameters, ResultSelector, ItemSelector, Assign, ...) with its `.$` values
 * parsed. A part without `.$` keys is kept whole and copied per evaluation, as every result is fresh.
 */
export type PathTemplate =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, PathTemplate])[] }
  | { readonly kind: 'array'; readonly items: readonly PathTemplate[] }
  /** The value of a `.$` key, or a `…Path` field: a path that must resolve. */
  | { readonly kind: 'path'; readonly ref: PathReference; readonly field: string }
  /** The value of a `.$` key that calls an intrinsic function. */
  | {
      readonly kind: 'intrinsic';
      readonly call: (IntrinsicArg & { kind: 'call' }) | undefined;
      readonly error: unknown;
      readonly field: string;
    };

export function compileTemplate(template: unknown): PathTemplate {
  if (typeof template !== 'object' || template === null || isStatic(template))
    return { kind: 'value', value: template };
  if (Array.isArray(template)) return { kind: 'array', items: template.map(compileTemplate) };
  const entries: [string, PathTemplate][] = [];
  for (const key in template) {
    const v = (template as Record<string, unknown>)[key];
    if (key.endsWith('.$') && typeof v === 'string') entries.push([key.slice(0, -2), compileDynamic(v, key)]);
    else entries.push([key, compileTemplate(v)]);
  }
  return { kind: 'object', entries };
}

function isStatic(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(isStatic);
  if (typeof v !== 'object' || v === null) return true;
  for (const key in v) {
    const x = (v as Record<string, unknown>)[key];
    if ((key.endsWith('.$') && typeof x === 'string') || !isStatic(x)) return false;
  }
  return true;
}

/** A dynamic value (a `.$` value, ErrorPath, CausePath): an intrinsic function call or a path. */
export function compileDynamic(expr: string, field: string): PathTemplate {
  if (!isIntrinsic(expr)) return { kind: 'path', ref: compileReference(expr), field };
  try {
    return { kind: 'intrinsic', call: parseIntrinsic(expr), error: undefined, field };
  } catch (error) {
    return { kind: 'intrinsic', call: undefined, error, field };
  }
}

/** A `…Path` field: a path that must resolve. */
export function compileRequiredPath(path: string, field: string): PathTemplate {
  return { kind: 'path', ref: compileReference(path), field };
}

/** Evaluates a payload template against `$` (root). */
export function evaluateTemplate(t: PathTemplate, root: unknown, scope: PathScope): unknown {
  switch (t.kind) {
    case 'value':
      return copyJson(t.value);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, value] of t.entries) out[key] = evaluateTemplate(value, root, scope);
      return out;
    }
    case 'array':
      return t.items.map((item) => evaluateTemplate(item, root, scope));
    case 'path':
      return requireReference(t.ref, root, scope, t.field);
    case 'intrinsic':
      return evaluateIntrinsicCall(t, root, scope);
  }
}

function evaluateIntrinsicCall(
  t: PathTemplate & { kind: 'intrinsic' },
  root: unknown,
  scope: PathScope,
): unknown {
  try {
    if (!t.call) throw t.error;
    return evaluateIntrinsic(t.call, (p) => requireReference(compileReference(p), root, scope, t.field));
  } catch (e) {
    if (e instanceof StatesError && e.error === STATES_ERRORS.IntrinsicFailure)
      throw new StatesError(STATES_ERRORS.Runtime, `${scope.where} ${e.cause ?? ''}`);
    throw e;
  }
}
