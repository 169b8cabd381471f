/**
 * Checks a definition and returns every problem found (empty when valid). It only rejects what
 * Step Functions itself rejects, so a definition AWS accepts always loads.
 */
import { type QueryLanguage, wrongLanguageFields } from './definition-types.js';
import { checkDynamic, checkJsonata, checkPath, checkPayload, checkRule } from './validate-expressions.js';

type Obj = Record<string, unknown>;

const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
type StateType = (typeof STATE_TYPES)[number];

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const PATH_IO = ['InputPath', 'OutputPath'];
const RESULT = ['ResultPath', 'ResultSelector'];
const ERRORS = ['Retry', 'Catch'];

/** Fields each state type accepts (both query languages; language-specific ones are checked separately). */
const ALLOWED: Record<StateType, readonly string[]> = {
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

/** The query language a machine or state declares, or the one it inherits. */
function languageOf(declared: unknown, inherited: QueryLanguage): QueryLanguage {
  return declared === 'JSONata' ? 'JSONata' : declared === 'JSONPath' ? 'JSONPath' : inherited;
}

function checkMachine(m: Obj, at: string, parentQl: QueryLanguage, problems: string[]): void {
  const where = at ? `${at}: ` : '';
  const states = m.States;
  if (typeof m.StartAt !== 'string') problems.push(`${where}StartAt is required`);
  if (!isObj(states) || Object.keys(states).length === 0) {
    problems.push(`${where}States must be a non-empty object`);
    return;
  }
  if (typeof m.StartAt === 'string' && !Object.hasOwn(states, m.StartAt))
    problems.push(`${where}StartAt '${m.StartAt}' is not the name of a state`);
  const ql = languageOf(m.QueryLanguage, parentQl);
  if (parentQl === 'JSONata' && m.QueryLanguage === 'JSONPath')
    problems.push(`${where}a JSONata state machine cannot contain a JSONPath sub-machine`);
  const edges = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(states)) {
    const p = `${where}State '${name}'`;
    if (name.length > 80) problems.push(`${p}: state names are limited to 80 characters`);
    if (!isObj(raw)) {
      problems.push(`${p}: must be an object`);
      continue;
    }
    edges.set(name, checkState(raw, p, ql, states, problems));
  }
  if (typeof m.StartAt === 'string' && Object.hasOwn(states, m.StartAt))
    for (const n of unreachable(m.StartAt, states, edges))
      problems.push(`${where}State '${n}' is not reachable from StartAt`);
}

/** The states no transition path from StartAt reaches. */
function unreachable(startAt: string, states: Obj, edges: Map<string, string[]>): string[] {
  const reachable = new Set<string>();
  const stack = [startAt];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (reachable.has(n)) continue;
    reachable.add(n);
    for (const t of edges.get(n) ?? []) if (Object.hasOwn(states, t)) stack.push(t);
  }
  return Object.keys(states).filter((n) => !reachable.has(n));
}

/** One state under check: what every check of it reads, and the transitions found so far. */
interface StateCheck {
  readonly s: Obj;
  /** The problem prefix, `State 'X'` (with the enclosing branch or processor). */
  readonly p: string;
  readonly type: StateType;
  readonly ql: QueryLanguage;
  readonly problems: string[];
  readonly targets: string[];
}

/** Checks one state; returns its transitions (Next, Choice rules, Default, Catch). */
function checkState(s: Obj, p: string, machineQl: QueryLanguage, states: Obj, problems: string[]): string[] {
  const type = s.Type;
  if (!STATE_TYPES.includes(type as StateType)) {
    problems.push(`${p}: Type must be one of ${STATE_TYPES.join(', ')} (was ${JSON.stringify(type)})`);
    return [];
  }
  const c: StateCheck = {
    s,
    p,
    type: type as StateType,
    ql: checkLanguage(s, p, machineQl, problems),
    problems,
    targets: [],
  };
  checkFields(c);
  checkFlow(c);
  if (c.ql === 'JSONPath') checkPathFields(c);
  if (s.Assign !== undefined && !isObj(s.Assign)) problems.push(`${p}: Assign must be an object`);
  if (c.ql === 'JSONata') checkJsonata(s, p, problems);
  TYPE_CHECKS[c.type]?.(c);
  checkRetriers(c);
  checkCatchers(c);
  for (const t of c.targets)
    if (!Object.hasOwn(states, t)) problems.push(`${p}: transition to unknown state '${t}'`);
  return c.targets;
}

/** The state's QueryLanguage: valid, and not JSONPath inside a JSONata machine. */
function checkLanguage(s: Obj, p: string, machineQl: QueryLanguage, problems: string[]): QueryLanguage {
  if (s.QueryLanguage !== undefined && s.QueryLanguage !== 'JSONPath' && s.QueryLanguage !== 'JSONata')
    problems.push(`${p}: QueryLanguage must be 'JSONPath' or 'JSONata'`);
  if (machineQl === 'JSONata' && s.QueryLanguage === 'JSONPath')
    problems.push(`${p}: cannot use JSONPath in a JSONata state machine`);
  return languageOf(s.QueryLanguage, machineQl);
}

/** Only the fields of the state's type, and none of the other query language. */
function checkFields({ s, p, type, ql, problems }: StateCheck): void {
  const allowed = ALLOWED[type];
  for (const k of Object.keys(s))
    if (!allowed.includes(k)) problems.push(`${p}: field '${k}' is not allowed in a ${type} state`);
  for (const k of wrongLanguageFields(ql))
    if (s[k] !== undefined && allowed.includes(k))
      problems.push(`${p}: field '${k}' is not supported with QueryLanguage ${ql}`);
}

/** Next or End, for every type that is not terminal. */
function checkFlow({ s, p, type, problems, targets }: StateCheck): void {
  if (type !== 'Succeed' && type !== 'Fail' && type !== 'Choice') {
    if (s.End !== undefined && typeof s.End !== 'boolean') problems.push(`${p}: End must be a boolean`);
    if (s.End === true && s.Next !== undefined) problems.push(`${p}: cannot have both Next and End`);
    if (s.End !== true && typeof s.Next !== 'string') problems.push(`${p}: must have Next or End: true`);
  }
  if (typeof s.Next === 'string') targets.push(s.Next);
}

/** JSONPath: the paths parse (ResultPath is a reference path) and the `.$` payloads hold paths or intrinsics. */
function checkPathFields({ s, p, problems }: StateCheck): void {
  for (const k of ['InputPath', 'OutputPath'])
    if (s[k] !== undefined && s[k] !== null) checkPath(s[k], `${p}.${k}`, problems, false);
  if (s.ResultPath !== undefined && s.ResultPath !== null)
    checkPath(s.ResultPath, `${p}.ResultPath`, problems, true);
  if (s.ItemsPath !== undefined) checkPath(s.ItemsPath, `${p}.ItemsPath`, problems, false);
  for (const k of ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign'])
    if (s[k] !== undefined) checkPayload(s[k], `${p}.${k}`, problems);
}

/** The checks only one state type needs. */
const TYPE_CHECKS: Partial<Record<StateType, (c: StateCheck) => void>> = {
  Task: checkTask,
  Choice: checkChoice,
  Wait: checkWait,
  Fail: checkFail,
  Parallel: checkParallel,
  Map: checkMap,
};

function checkTask({ s, p, problems }: StateCheck): void {
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
}

function checkChoice({ s, p, ql, problems, targets }: StateCheck): void {
  if (!Array.isArray(s.Choices) || s.Choices.length === 0)
    problems.push(`${p}: Choices must be a non-empty array`);
  else
    s.Choices.forEach((c, i) => {
      const at = `${p}.Choices[${i}]`;
      if (!isObj(c)) {
        problems.push(`${at}: must be an object`);
        return;
      }
      if (typeof c.Next !== 'string') problems.push(`${at}: Next is required`);
      else targets.push(c.Next);
      if (ql === 'JSONPath') checkRule(c, at, problems, true);
      else if (c.Condition === undefined) problems.push(`${at}: Condition is required with JSONata`);
    });
  if (s.Default !== undefined) {
    if (typeof s.Default !== 'string') problems.push(`${p}: Default must be a state name`);
    else targets.push(s.Default);
  }
}

function checkWait({ s, p, problems }: StateCheck): void {
  const n = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter((k) => s[k] !== undefined).length;
  if (n !== 1) problems.push(`${p}: needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath`);
  if (s.Seconds !== undefined && !isTemplate(s.Seconds) && !isNonNegInt(s.Seconds))
    problems.push(`${p}: Seconds must be a non-negative integer`);
  if (s.SecondsPath !== undefined) checkPath(s.SecondsPath, `${p}.SecondsPath`, problems, false);
  if (s.TimestampPath !== undefined) checkPath(s.TimestampPath, `${p}.TimestampPath`, problems, false);
}

function checkFail({ s, p, problems }: StateCheck): void {
  checkExclusive(s, p, 'Error', 'ErrorPath', problems);
  checkExclusive(s, p, 'Cause', 'CausePath', problems);
  for (const k of ['ErrorPath', 'CausePath'])
    if (typeof s[k] === 'string') checkDynamic(s[k] as string, `${p}.${k}`, problems);
}

function checkParallel({ s, p, ql, problems }: StateCheck): void {
  if (!Array.isArray(s.Branches) || s.Branches.length === 0)
    problems.push(`${p}: Branches must be a non-empty array`);
  else
    s.Branches.forEach((b, i) => {
      if (isObj(b)) checkMachine(b, `${p}.Branches[${i}]`, ql, problems);
      else problems.push(`${p}.Branches[${i}]: must be an object`);
    });
}

function checkMap({ s, p, ql, problems }: StateCheck): void {
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
}

function checkExclusive(s: Obj, p: string, a: string, b: string, problems: string[]): void {
  if (s[a] !== undefined && s[b] !== undefined) problems.push(`${p}: use ${a} or ${b}, not both`);
}

/** Checks each entry of a Retry or Catch list (an object with ErrorEquals; States.ALL alone and last), then `more`. */
function checkHandlers(c: StateCheck, key: 'Retry' | 'Catch', more: (r: Obj, rp: string) => void): void {
  const { s, p, problems } = c;
  const list = s[key];
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.push(`${p}: ${key} must be an array`);
    return;
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
    more(r, rp);
  });
}

function checkRetriers(c: StateCheck): void {
  const { problems } = c;
  checkHandlers(c, 'Retry', (r, rp) => {
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
  });
}

function checkCatchers(c: StateCheck): void {
  const { ql, problems, targets } = c;
  checkHandlers(c, 'Catch', (r, rp) => {
    if (typeof r.Next !== 'string') problems.push(`${rp}: Next is required`);
    else targets.push(r.Next);
    if (ql === 'JSONPath' && r.ResultPath !== undefined && r.ResultPath !== null)
      checkPath(r.ResultPath, `${rp}.ResultPath`, problems, true);
  });
}
