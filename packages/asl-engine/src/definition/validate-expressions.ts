/** Checks of the expressions inside a state: JSONPath paths, `.$` payloads, intrinsics, Choice rules, JSONata. */
import { isIntrinsic, parseIntrinsic, unknownIntrinsics } from '../intrinsics/intrinsic-functions.js';
import { jsonataSyntaxError } from '../jsonata/jsonata-evaluator.js';
import { compilePath } from '../jsonpath/json-path.js';
import { CHOICE_OPERATORS } from '../runtime/choice-rules.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every `{% … %}` string of a JSONata state must parse (nested machines are checked on their own). */
export function checkJsonata(v: unknown, at: string, problems: string[]): void {
  if (typeof v === 'string') {
    if (v.startsWith('{%') && v.endsWith('%}')) {
      const err = jsonataSyntaxError(v.slice(2, -2));
      if (err) problems.push(`${at}: invalid JSONata expression: ${err}`);
    }
    return;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) checkJsonata(v[i], `${at}[${i}]`, problems);
    return;
  }
  if (!isObj(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'Branches' || k === 'ItemProcessor' || k === 'Iterator') continue;
    checkJsonata(x, `${at}.${k}`, problems);
  }
}

export function checkPath(v: unknown, at: string, problems: string[], reference: boolean): void {
  if (typeof v !== 'string') {
    problems.push(`${at}: must be a JSONPath string`);
    return;
  }
  if (!v.startsWith('$')) {
    problems.push(`${at}: '${v}' is not a valid JSONPath`);
    return;
  }
  if (v.startsWith('$$') || /^\$[A-Za-z_]/.test(v)) return;
  try {
    const c = compilePath(v);
    if (reference && !c.definite)
      problems.push(`${at}: '${v}' must be a reference path (no wildcards or filters)`);
  } catch (e) {
    problems.push(`${at}: ${(e as Error).message}`);
  }
}

export function checkDynamic(v: string, at: string, problems: string[]): void {
  if (isIntrinsic(v)) {
    try {
      for (const name of unknownIntrinsics(parseIntrinsic(v)))
        problems.push(`${at}: unknown intrinsic function ${name}`);
    } catch (e) {
      problems.push(`${at}: ${(e as { cause?: string }).cause ?? (e as Error).message}`);
    }
    return;
  }
  checkPath(v, at, problems, false);
}

export function checkPayload(v: unknown, at: string, problems: string[]): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) checkPayload(v[i], `${at}[${i}]`, problems);
    return;
  }
  if (!isObj(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (k.endsWith('.$')) {
      if (typeof x !== 'string') problems.push(`${at}.${k}: the value of a '.$' field must be a string`);
      else checkDynamic(x, `${at}.${k}`, problems);
    } else checkPayload(x, `${at}.${k}`, problems);
  }
}

export function checkRule(c: Obj, at: string, problems: string[], top: boolean): void {
  const combinators = ['And', 'Or', 'Not'].filter((k) => c[k] !== undefined);
  const ops = Object.keys(c).filter((k) => CHOICE_OPERATORS.has(k));
  if (combinators.length + ops.length !== 1) {
    problems.push(`${at}: a choice rule needs exactly one comparison operator or one of And, Or, Not`);
    return;
  }
  const allowed = new Set([
    'Variable',
    'Comment',
    ...combinators,
    ...ops,
    ...(top ? ['Next', 'Assign'] : []),
  ]);
  for (const k of Object.keys(c))
    if (!allowed.has(k)) problems.push(`${at}: field '${k}' is not allowed in a choice rule`);
  const [k] = combinators;
  if (k !== undefined) {
    const sub = c[k];
    if (k === 'Not') {
      if (isObj(sub)) checkRule(sub, `${at}.Not`, problems, false);
      else problems.push(`${at}.Not: must be a choice rule`);
    } else if (!Array.isArray(sub) || sub.length === 0)
      problems.push(`${at}.${k}: must be a non-empty array`);
    else
      for (let i = 0; i < sub.length; i++) {
        const r: unknown = sub[i];
        if (isObj(r)) checkRule(r, `${at}.${k}[${i}]`, problems, false);
        else problems.push(`${at}.${k}[${i}]: must be a choice rule`);
      }
    return;
  }
  if (typeof c.Variable !== 'string') problems.push(`${at}: Variable is required`);
  else checkPath(c.Variable, `${at}.Variable`, problems, false);
  const op = ops[0] ?? '';
  const v = c[op];
  if (op.endsWith('Path') && op !== 'IsPresent') checkPath(v, `${at}.${op}`, problems, false);
  else if (op.startsWith('Is') || op === 'BooleanEquals') {
    if (typeof v !== 'boolean') problems.push(`${at}.${op}: must be a boolean`);
  } else if (op.startsWith('Numeric')) {
    if (typeof v !== 'number') problems.push(`${at}.${op}: must be a number`);
  } else if (typeof v !== 'string') problems.push(`${at}.${op}: must be a string`);
}
