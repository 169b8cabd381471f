import { isIntrinsic, parseIntrinsic, unknownIntrinsics } from '../intrinsics/intrinsic-functions.js';
import { jsonataSyntaxError } from '../jsonata/jsonata-evaluator.js';
import { compilePath } from '../jsonpath/json-path.js';
import { CHOICE_OPERATORS } from '../runtime/choice-rules.js';

type Obj = Record<string, unknown>;

const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const PATH_IO = ['InputPath', 'OutputPath'];
const RESULT = ['ResultPath', 'ResultSelector'];
const ERRORS = ['Retry', 'Catch'];

/** Fields each state type accepts (both query languages; language-specific ones are checked separately). */
const ALLOWED: Record<string, readonly string[]> = {
  Pass: [...COMMON, ...FLOW, ...PATH_IO, 'Parameters', 'Result', 'ResultPath', 'Assign', 'Output'],
  Task: [
    ...COMMON,
    ...FLOW,
    ...PATH_IO,
    ...RESULT,
    ...ERRORS,
    'Resource',
    'Parameters',
    'Arguments',
    'Output',
    'Assign',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Credentials',
  ],
  Choice: [...COMMON, ...PATH_IO, 'Choices', 'Default', 'Output', 'Assign'],
  Wait: [
    ...COMMON,
    ...FLOW,
    ...PATH_IO,
    'Seconds',
    'SecondsPath',
    'Timestamp',
    'TimestampPath',
    'Output',
    'Assign',
  ],
  Succeed: [...COMMON, ...PATH_IO, 'Output'],
  Fail: [...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: [
    ...COMMON,
    ...FLOW,
    ...PATH_IO,
    ...RESULT,
    ...ERRORS,
    'Branches',
    'Parameters',
    'Arguments',
    'Output',
    'Assign',
  ],
  Map: [
    ...COMMON,
    ...FLOW,
    ...PATH_IO,
    ...RESULT,
    ...ERRORS,
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'Items',
    'ItemSelector',
    'Parameters',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'Label',
    'Output',
    'Assign',
  ],
};

/** Fields only JSONPath states may use. */
const JSONPATH_ONLY = [
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultPath',
  'ResultSelector',
  'ItemsPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
  'Iterator',
];
/** Fields only JSONata states may use. */
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'];

/**
 * Checks a definition and returns every problem found (empty when valid). It only rejects what
 * Step Functions itself rejects, so a definition AWS accepts always loads.
 */
export function validateDefinition(def: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(def)) return ['The definition must be a JSON object'];
  const ql = def.QueryLanguage;
  if (ql !== undefined && ql !== 'JSONPath' && ql !== 'JSONata')
    problems.push(`QueryLanguage must be 'JSONPath' or 'JSONata' (was ${JSON.stringify(ql)})`);
  if (def.TimeoutSeconds !== undefined && !isPosInt(def.TimeoutSeconds))
    problems.push('TimeoutSeconds must be a positive integer');
  checkMachine(def, '', ql === 'JSONata' ? 'JSONata' : 'JSONPath', problems);
  return problems;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function isNonNegInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isTemplate(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith('{%') && v.endsWith('%}');
}

function checkMachine(m: Obj, at: string, parentQl: string, problems: string[]): void {
  const where = at ? `${at}: ` : '';
  const states = m.States;
  if (typeof m.StartAt !== 'string') problems.push(`${where}StartAt is required`);
  if (!isObj(states) || Object.keys(states).length === 0) {
    problems.push(`${where}States must be a non-empty object`);
    return;
  }
  if (typeof m.StartAt === 'string' && !Object.hasOwn(states, m.StartAt))
    problems.push(`${where}StartAt '${m.StartAt}' is not the name of a state`);
  const ql =
    m.QueryLanguage === 'JSONata' ? 'JSONata' : m.QueryLanguage === 'JSONPath' ? 'JSONPath' : parentQl;
  if (parentQl === 'JSONata' && m.QueryLanguage === 'JSONPath')
    problems.push(`${where}a JSONata state machine cannot contain a JSONPath sub-machine`);
  const reachable = new Set<string>();
  const edges = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(states)) {
    const p = `${where}State '${name}'`;
    if (name.length > 80) problems.push(`${p}: state names are limited to 80 characters`);
    if (!isObj(raw)) {
      problems.push(`${p}: must be an object`);
      continue;
    }
    edges.set(name, checkState(name, raw, p, ql, states, problems));
  }
  // every state must be reachable from StartAt
  if (typeof m.StartAt === 'string' && Object.hasOwn(states, m.StartAt)) {
    const stack = [m.StartAt];
    while (stack.length) {
      const n = stack.pop()!;
      if (reachable.has(n)) continue;
      reachable.add(n);
      for (const t of edges.get(n) ?? []) if (Object.hasOwn(states, t)) stack.push(t);
    }
    for (const n of Object.keys(states))
      if (!reachable.has(n)) problems.push(`${where}State '${n}' is not reachable from StartAt`);
  }
}

function checkState(
  name: string,
  s: Obj,
  p: string,
  machineQl: string,
  states: Obj,
  problems: string[],
): string[] {
  const type = s.Type;
  if (!STATE_TYPES.includes(type as (typeof STATE_TYPES)[number])) {
    problems.push(`${p}: Type must be one of ${STATE_TYPES.join(', ')} (was ${JSON.stringify(type)})`);
    return [];
  }
  void name;
  if (s.QueryLanguage !== undefined && s.QueryLanguage !== 'JSONPath' && s.QueryLanguage !== 'JSONata')
    problems.push(`${p}: QueryLanguage must be 'JSONPath' or 'JSONata'`);
  if (machineQl === 'JSONata' && s.QueryLanguage === 'JSONPath')
    problems.push(`${p}: cannot use JSONPath in a JSONata state machine`);
  const ql =
    s.QueryLanguage === 'JSONata' ? 'JSONata' : s.QueryLanguage === 'JSONPath' ? 'JSONPath' : machineQl;
  const allowed = ALLOWED[type as string]!;
  for (const k of Object.keys(s))
    if (!allowed.includes(k)) problems.push(`${p}: field '${k}' is not allowed in a ${type} state`);
  const wrongLang = ql === 'JSONata' ? JSONPATH_ONLY : JSONATA_ONLY;
  for (const k of wrongLang)
    if (s[k] !== undefined && allowed.includes(k))
      problems.push(`${p}: field '${k}' is not supported with QueryLanguage ${ql}`);

  const targets: string[] = [];
  const terminal = type === 'Succeed' || type === 'Fail' || type === 'Choice';
  if (!terminal) {
    if (s.End !== undefined && typeof s.End !== 'boolean') problems.push(`${p}: End must be a boolean`);
    if (s.End === true && s.Next !== undefined) problems.push(`${p}: cannot have both Next and End`);
    if (s.End !== true && typeof s.Next !== 'string') problems.push(`${p}: must have Next or End: true`);
  }
  if (typeof s.Next === 'string') targets.push(s.Next);

  if (ql === 'JSONPath') {
    for (const k of ['InputPath', 'OutputPath'])
      if (s[k] !== undefined && s[k] !== null) checkPath(s[k], `${p}.${k}`, problems, false);
    if (s.ResultPath !== undefined && s.ResultPath !== null)
      checkPath(s.ResultPath, `${p}.ResultPath`, problems, true);
    if (s.ItemsPath !== undefined) checkPath(s.ItemsPath, `${p}.ItemsPath`, problems, false);
    for (const k of ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign'])
      if (s[k] !== undefined) checkPayload(s[k], `${p}.${k}`, problems);
  }
  if (s.Assign !== undefined && !isObj(s.Assign)) problems.push(`${p}: Assign must be an object`);
  if (ql === 'JSONata') checkJsonata(s, p, problems);

  switch (type) {
    case 'Task':
      if (typeof s.Resource !== 'string' || s.Resource === '') problems.push(`${p}: Resource is required`);
      checkExclusive(s, p, 'TimeoutSeconds', 'TimeoutSecondsPath', problems);
      checkExclusive(s, p, 'HeartbeatSeconds', 'HeartbeatSecondsPath', problems);
      for (const k of ['TimeoutSeconds', 'HeartbeatSeconds'])
        if (s[k] !== undefined && !isTemplate(s[k]) && !isPosInt(s[k]))
          problems.push(`${p}: ${k} must be a positive integer`);
      if (
        isPosInt(s.TimeoutSeconds) &&
        isPosInt(s.HeartbeatSeconds) &&
        (s.HeartbeatSeconds as number) >= (s.TimeoutSeconds as number)
      )
        problems.push(`${p}: HeartbeatSeconds must be smaller than TimeoutSeconds`);
      break;
    case 'Choice': {
      if (!Array.isArray(s.Choices) || s.Choices.length === 0)
        problems.push(`${p}: Choices must be a non-empty array`);
      else
        s.Choices.forEach((c, i) => {
          if (!isObj(c)) {
            problems.push(`${p}.Choices[${i}]: must be an object`);
            return;
          }
          if (typeof c.Next !== 'string') problems.push(`${p}.Choices[${i}]: Next is required`);
          else targets.push(c.Next);
          if (ql === 'JSONata') {
            if (c.Condition === undefined)
              problems.push(`${p}.Choices[${i}]: Condition is required with JSONata`);
          } else checkRule(c, `${p}.Choices[${i}]`, problems, true);
        });
      if (s.Default !== undefined) {
        if (typeof s.Default !== 'string') problems.push(`${p}: Default must be a state name`);
        else targets.push(s.Default);
      }
      break;
    }
    case 'Wait': {
      const n = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter(
        (k) => s[k] !== undefined,
      ).length;
      if (n !== 1) problems.push(`${p}: needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath`);
      if (s.Seconds !== undefined && !isTemplate(s.Seconds) && !isNonNegInt(s.Seconds))
        problems.push(`${p}: Seconds must be a non-negative integer`);
      if (s.SecondsPath !== undefined) checkPath(s.SecondsPath, `${p}.SecondsPath`, problems, false);
      if (s.TimestampPath !== undefined) checkPath(s.TimestampPath, `${p}.TimestampPath`, problems, false);
      break;
    }
    case 'Fail':
      checkExclusive(s, p, 'Error', 'ErrorPath', problems);
      checkExclusive(s, p, 'Cause', 'CausePath', problems);
      for (const k of ['ErrorPath', 'CausePath'])
        if (typeof s[k] === 'string') checkDynamic(s[k] as string, `${p}.${k}`, problems);
      break;
    case 'Parallel':
      if (!Array.isArray(s.Branches) || s.Branches.length === 0)
        problems.push(`${p}: Branches must be a non-empty array`);
      else
        s.Branches.forEach((b, i) => {
          if (isObj(b)) checkMachine(b, `${p}.Branches[${i}]`, ql, problems);
          else problems.push(`${p}.Branches[${i}]: must be an object`);
        });
      break;
    case 'Map': {
      const proc = s.ItemProcessor ?? s.Iterator;
      if (s.ItemProcessor !== undefined && s.Iterator !== undefined)
        problems.push(`${p}: use ItemProcessor or Iterator, not both`);
      if (!isObj(proc)) problems.push(`${p}: ItemProcessor is required`);
      else {
        checkMachine(proc, `${p}.ItemProcessor`, ql, problems);
        const cfg = proc.ProcessorConfig;
        if (isObj(cfg) && cfg.Mode !== undefined && cfg.Mode !== 'INLINE' && cfg.Mode !== 'DISTRIBUTED')
          problems.push(`${p}: ProcessorConfig.Mode must be INLINE or DISTRIBUTED`);
      }
      checkExclusive(s, p, 'MaxConcurrency', 'MaxConcurrencyPath', problems);
      checkExclusive(s, p, 'ToleratedFailureCount', 'ToleratedFailureCountPath', problems);
      checkExclusive(s, p, 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', problems);
      if (s.MaxConcurrency !== undefined && !isTemplate(s.MaxConcurrency) && !isNonNegInt(s.MaxConcurrency))
        problems.push(`${p}: MaxConcurrency must be a non-negative integer`);
      break;
    }
  }

  for (const key of ['Retry', 'Catch'] as const) {
    const list = s[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(`${p}: ${key} must be an array`);
      continue;
    }
    list.forEach((r, i) => {
      const rp = `${p}.${key}[${i}]`;
      if (!isObj(r)) {
        problems.push(`${rp}: must be an object`);
        return;
      }
      const eq = r.ErrorEquals;
      if (!Array.isArray(eq) || eq.length === 0 || !eq.every((e) => typeof e === 'string'))
        problems.push(`${rp}: ErrorEquals must be a non-empty array of strings`);
      else if (eq.includes('States.ALL') && (eq.length > 1 || i !== list.length - 1))
        problems.push(
          `${rp}: States.ALL must appear alone and in the last ${key === 'Retry' ? 'retrier' : 'catcher'}`,
        );
      if (key === 'Catch') {
        if (typeof r.Next !== 'string') problems.push(`${rp}: Next is required`);
        else targets.push(r.Next);
        if (ql === 'JSONPath' && r.ResultPath !== undefined && r.ResultPath !== null)
          checkPath(r.ResultPath, `${rp}.ResultPath`, problems, true);
      } else {
        if (r.MaxAttempts !== undefined && !isNonNegInt(r.MaxAttempts))
          problems.push(`${rp}: MaxAttempts must be a non-negative integer`);
        if (r.IntervalSeconds !== undefined && !isPosInt(r.IntervalSeconds))
          problems.push(`${rp}: IntervalSeconds must be a positive integer`);
        if (r.BackoffRate !== undefined && !(typeof r.BackoffRate === 'number' && r.BackoffRate >= 1))
          problems.push(`${rp}: BackoffRate must be a number >= 1`);
        if (r.MaxDelaySeconds !== undefined && !isPosInt(r.MaxDelaySeconds))
          problems.push(`${rp}: MaxDelaySeconds must be a positive integer`);
        if (r.JitterStrategy !== undefined && r.JitterStrategy !== 'FULL' && r.JitterStrategy !== 'NONE')
          problems.push(`${rp}: JitterStrategy must be FULL or NONE`);
      }
    });
  }
  for (const t of targets)
    if (!Object.hasOwn(states, t)) problems.push(`${p}: transition to unknown state '${t}'`);
  return targets;
}

/** Every `{% … %}` string of a JSONata state must parse (nested machines are checked on their own). */
function checkJsonata(v: unknown, at: string, problems: string[]): void {
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

function checkExclusive(s: Obj, p: string, a: string, b: string, problems: string[]): void {
  if (s[a] !== undefined && s[b] !== undefined) problems.push(`${p}: use ${a} or ${b}, not both`);
}

function checkPath(v: unknown, at: string, problems: string[], reference: boolean): void {
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

function checkDynamic(v: string, at: string, problems: string[]): void {
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

function checkPayload(v: unknown, at: string, problems: string[]): void {
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

function checkRule(c: Obj, at: string, problems: string[], top: boolean): void {
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
  if (combinators.length) {
    const k = combinators[0]!;
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
  const op = ops[0]!;
  const v = c[op];
  if (op.endsWith('Path') && op !== 'IsPresent') checkPath(v, `${at}.${op}`, problems, false);
  else if (op.startsWith('Is') || op === 'BooleanEquals') {
    if (typeof v !== 'boolean') problems.push(`${at}.${op}: must be a boolean`);
  } else if (op.startsWith('Numeric')) {
    if (typeof v !== 'number') problems.push(`${at}.${op}: must be a number`);
  } else if (typeof v !== 'string') problems.push(`${at}.${op}: must be a string`);
}
