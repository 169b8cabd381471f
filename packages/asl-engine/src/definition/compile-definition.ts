/**
 * Compiles a definition once, at load, into the form the runtime evaluates (compiled-types.ts). It never
 * rejects: a definition loaded without validation fails where Step Functions would, when the state runs.
 */
import {
  compileJsonataField,
  compileJsonataTemplate,
  isJsonataTemplate,
  type JsonataTemplate,
  templateBody,
} from '../jsonata/jsonata-evaluator.js';
import { type CompiledRule, compileRule } from '../runtime/choice-rules.js';
import { compileIntField } from '../runtime/integer-fields.js';
import {
  compileDynamic,
  compileRequiredPath,
  compileResultPath,
  compileSelector,
  compileTemplate,
} from '../runtime/json-path-io.js';
import { safeJson } from '../runtime/json-values.js';
import { parseTimestamp } from '../runtime/timestamps.js';
import type {
  ChoiceState,
  CompiledCatcher,
  CompiledMachine,
  CompiledState,
  FailState,
  InputStage,
  ItemBatcherSpec,
  ItemIo,
  ItemsSource,
  MapState,
  OutputStage,
  Payload,
  Route,
  WaitUntil,
} from './compiled-types.js';
import type {
  Catcher,
  ChoiceRule,
  MachineDefinition,
  QueryLanguage,
  StateDefinition,
} from './definition-types.js';

type Obj = Record<string, unknown>;

/** Compiles a (sub-)machine; `inherited` is the query language of the machine around it. */
export function compileMachine(
  def: MachineDefinition,
  inherited: QueryLanguage = 'JSONPath',
): CompiledMachine {
  const queryLanguage = def.QueryLanguage ?? inherited;
  const states = new Map<string, CompiledState>();
  if (isObj(def.States))
    for (const [name, state] of Object.entries(def.States))
      if (isObj(state)) states.set(name, compileState(name, state, queryLanguage));
  return { startAt: def.StartAt, states, queryLanguage, timeoutSeconds: def.TimeoutSeconds };
}

const SYNC_WHEN_JSONPATH = new Set(['Pass', 'Choice', 'Succeed']);

function compileState(name: string, s: StateDefinition, machineQl: QueryLanguage): CompiledState {
  const jsonata = (s.QueryLanguage ?? machineQl) === 'JSONata';
  const base = {
    name,
    jsonata,
    sync: !jsonata && SYNC_WHEN_JSONPATH.has(s.Type),
    enteredEvent: `${s.Type}StateEntered`,
    exitedEvent: `${s.Type}StateExited`,
    input: inputStage(s, jsonata),
    route: { next: s.End ? undefined : s.Next, output: outputStage(s, jsonata) },
    retriers: [],
    catchers: [],
  };
  // only Task, Parallel and Map take Retry and Catch
  const recoverable = () => ({
    ...base,
    retriers: Array.isArray(s.Retry) ? s.Retry.filter(isObj) : [],
    catchers: Array.isArray(s.Catch) ? s.Catch.filter(isObj).map((c) => compileCatcher(c, jsonata)) : [],
  });
  switch (s.Type) {
    case 'Pass':
      return { ...base, type: 'Pass', result: jsonata ? undefined : s.Result };
    case 'Succeed':
      return { ...base, type: 'Succeed' };
    case 'Choice':
      return { ...base, type: 'Choice', ...choiceBranches(s, jsonata) };
    case 'Wait':
      return { ...base, type: 'Wait', until: waitUntil(s, jsonata) };
    case 'Fail':
      return { ...base, type: 'Fail', ...failDetails(s, jsonata) };
    case 'Task': {
      const resource = s.Resource ?? '';
      return {
        ...recoverable(),
        type: 'Task',
        resource,
        callback: resource.endsWith('.waitForTaskToken'),
        timeoutSeconds: compileIntField(s, 'TimeoutSeconds'),
        heartbeatSeconds: compileIntField(s, 'HeartbeatSeconds'),
      };
    }
    case 'Parallel':
      return {
        ...recoverable(),
        type: 'Parallel',
        branches: (Array.isArray(s.Branches) ? s.Branches : []).map((b) =>
          compileMachine(isObj(b) ? b : ({} as MachineDefinition), machineQl),
        ),
      };
    case 'Map':
      return { ...recoverable(), type: 'Map', ...mapParts(name, s, jsonata, machineQl) };
    default:
      return { ...base, type: 'Unknown', declaredType: s.Type };
  }
}

// ------------------------------------------------------------------ the I/O pipeline's stages

/** Which stage fields each state type reads (the others are ignored, as the validator rejects them). */
const PATH_INPUT: Record<string, { parameters: boolean } | undefined> = {
  Pass: { parameters: true },
  Task: { parameters: true },
  Parallel: { parameters: true },
  Map: { parameters: false },
  Choice: { parameters: false },
  Wait: { parameters: false },
  Succeed: { parameters: false },
};
const PATH_OUTPUT: Record<string, { selector: boolean; assign: boolean; resultPath: boolean } | undefined> = {
  Pass: { selector: false, assign: true, resultPath: true },
  Task: { selector: true, assign: true, resultPath: true },
  Parallel: { selector: true, assign: true, resultPath: true },
  Map: { selector: true, assign: true, resultPath: true },
  Wait: { selector: false, assign: true, resultPath: false },
  Choice: { selector: false, assign: true, resultPath: false },
  Succeed: { selector: false, assign: false, resultPath: false },
};
/** JSONata states whose work has a `$states.result`. */
const BINDS_RESULT = new Set(['Task', 'Parallel', 'Map']);

function inputStage(s: StateDefinition, jsonata: boolean): InputStage {
  if (jsonata) {
    const args = s.Type === 'Task' || s.Type === 'Parallel' ? s.Arguments : undefined;
    return { kind: 'JSONata', arguments: optional(args, (a) => compileJsonataTemplate(a, 'Arguments')) };
  }
  const fields = PATH_INPUT[s.Type];
  return {
    kind: 'JSONPath',
    inputPath: fields ? compileSelector(s.InputPath) : undefined,
    parameters: fields?.parameters ? optional(s.Parameters, compileTemplate) : undefined,
  };
}

function outputStage(
  s: StateDefinition,
  jsonata: boolean,
  assign = s.Assign,
  output = s.Output,
): OutputStage {
  if (jsonata) return jsonataOutput(assign, output, BINDS_RESULT.has(s.Type) ? 'result' : undefined);
  const fields = PATH_OUTPUT[s.Type];
  return {
    kind: 'JSONPath',
    resultSelector: fields?.selector ? optional(s.ResultSelector, compileTemplate) : undefined,
    assign: fields?.assign ? optional(assign, compileTemplate) : undefined,
    resultPath: fields?.resultPath ? compileResultPath(s.ResultPath) : undefined,
    outputPath: fields ? compileSelector(s.OutputPath) : undefined,
  };
}

function jsonataOutput(
  assign: unknown,
  output: unknown,
  binding: 'result' | 'errorOutput' | undefined,
): OutputStage {
  return {
    kind: 'JSONata',
    assign: optional(assign, (a) => compileJsonataTemplate(a, 'Assign')),
    output: optional(output, (o) => compileJsonataTemplate(o, 'Output')),
    binding,
  };
}

/** A Catch: the error output goes through Assign and ResultPath (JSONPath) or Assign and Output (JSONata). */
function compileCatcher(c: Catcher, jsonata: boolean): CompiledCatcher {
  const output: OutputStage = jsonata
    ? jsonataOutput(c.Assign, c.Output, 'errorOutput')
    : {
        kind: 'JSONPath',
        resultSelector: undefined,
        assign: optional(c.Assign, compileTemplate),
        resultPath: compileResultPath(c.ResultPath),
        outputPath: undefined,
      };
  return { errorEquals: c.ErrorEquals ?? [], route: { next: c.Next, output } };
}

// ------------------------------------------------------------------ per state type

/** Each Choice rule is a route of its own: the state-level Assign plus the rule's, and the rule's Output. */
function choiceBranches(
  s: StateDefinition,
  jsonata: boolean,
): Pick<ChoiceState, 'rules' | 'conditions' | 'defaultRoute'> {
  const choices: ChoiceRule[] = Array.isArray(s.Choices) ? s.Choices : [];
  const routeOf = (rule: ChoiceRule | undefined): Route => ({
    next: rule ? rule.Next : s.Default,
    output: outputStage(
      s,
      jsonata,
      mergeAssign(s.Assign, rule?.Assign),
      rule?.Output !== undefined ? rule.Output : s.Output,
    ),
  });
  const rules: { rule: CompiledRule; route: Route }[] = [];
  const conditions: ChoiceState['conditions'][number][] = [];
  for (const rule of choices) {
    if (jsonata)
      conditions.push({
        condition: compileJsonataField(rule.Condition, 'Condition'),
        text: String(rule.Condition),
        route: routeOf(rule),
      });
    else rules.push({ rule: compileRule(rule), route: routeOf(rule) });
  }
  return { rules, conditions, defaultRoute: s.Default === undefined ? undefined : routeOf(undefined) };
}

function mergeAssign(stateLevel: Obj | undefined, ruleLevel: Obj | undefined): Obj | undefined {
  if (!stateLevel) return ruleLevel;
  if (!ruleLevel) return stateLevel;
  return { ...stateLevel, ...ruleLevel };
}

function waitUntil(s: StateDefinition, jsonata: boolean): WaitUntil {
  if (jsonata) {
    if (s.Seconds !== undefined)
      return {
        kind: 'jsonataSeconds',
        seconds: compileJsonataField(s.Seconds, 'Seconds'),
        text: String(s.Seconds),
      };
    return { kind: 'jsonataTimestamp', timestamp: compileJsonataField(s.Timestamp, 'Timestamp') };
  }
  if (s.Seconds !== undefined) return { kind: 'seconds', seconds: Number(s.Seconds) };
  if (s.Timestamp !== undefined) return { kind: 'timestamp', ms: parseTimestamp(String(s.Timestamp)) };
  if (s.SecondsPath !== undefined)
    return {
      kind: 'secondsPath',
      path: compileRequiredPath(s.SecondsPath, 'SecondsPath'),
      source: s.SecondsPath,
    };
  const source = s.TimestampPath ?? '$';
  return { kind: 'timestampPath', path: compileRequiredPath(source, 'TimestampPath'), source };
}

function failDetails(s: StateDefinition, jsonata: boolean): Pick<FailState, 'error' | 'cause'> {
  const text = (literal: unknown, path: unknown, field: string, pathField: string): Payload => {
    if (jsonata) return { lang: 'JSONata', template: compileJsonataField(literal, field) };
    if (typeof path === 'string') return { lang: 'JSONPath', template: compileDynamic(path, pathField) };
    return { lang: 'JSONPath', template: { kind: 'value', value: literal } };
  };
  return {
    error: text(s.Error, s.ErrorPath, 'Error', 'ErrorPath'),
    cause: text(s.Cause, s.CausePath, 'Cause', 'CausePath'),
  };
}

type MapParts = Omit<MapState, keyof CompiledState | 'retriers' | 'catchers' | 'input' | 'route' | 'sync'>;

function mapParts(name: string, s: StateDefinition, jsonata: boolean, machineQl: QueryLanguage): MapParts {
  const proc = s.ItemProcessor ?? s.Iterator;
  const processor = isObj(proc) ? compileMachine(proc, jsonata ? 'JSONata' : machineQl) : undefined;
  const distributed = proc?.ProcessorConfig?.Mode === 'DISTRIBUTED';
  const selector = s.ItemSelector ?? (jsonata ? undefined : s.Parameters);
  return {
    processor,
    distributed,
    label: s.Label ?? name,
    items: itemsSource(s, jsonata),
    itemSelector: optional(selector, (v) => payload(v, jsonata, 'ItemSelector')),
    batcher: s.ItemBatcher ? batcher(s.ItemBatcher as Obj, jsonata) : undefined,
    writer: s.ResultWriter !== undefined ? itemIo(s.ResultWriter as Obj, jsonata, 'ResultWriter') : undefined,
    maxConcurrency: compileIntField(s, 'MaxConcurrency'),
    toleratedFailureCount: distributed ? compileIntField(s, 'ToleratedFailureCount') : undefined,
    toleratedFailurePercentage: distributed
      ? compileIntField(s, 'ToleratedFailurePercentage', true)
      : undefined,
  };
}

function itemsSource(s: StateDefinition, jsonata: boolean): ItemsSource {
  if (s.ItemReader !== undefined) {
    const cfg = s.ItemReader as Obj & { ReaderConfig?: { MaxItems?: unknown; MaxItemsPath?: string } };
    const rc = cfg.ReaderConfig;
    const maxItems: Payload | undefined = rc?.MaxItemsPath
      ? { lang: 'JSONPath', template: compileRequiredPath(rc.MaxItemsPath, 'MaxItemsPath') }
      : rc?.MaxItems !== undefined
        ? { lang: 'JSONata', template: compileJsonataField(rc.MaxItems, 'MaxItems') }
        : undefined;
    return { kind: 'reader', reader: itemIo(cfg, jsonata, 'ItemReader'), maxItems };
  }
  if (jsonata) {
    const items = s.Items;
    const template: JsonataTemplate | undefined =
      items === undefined
        ? undefined
        : Array.isArray(items) || isJsonataTemplate(items)
          ? compileJsonataTemplate(items, 'Items')
          : { kind: 'value', value: items };
    const text =
      typeof items === 'string' ? (isJsonataTemplate(items) ? templateBody(items) : items) : safeJson(items);
    return { kind: 'jsonata', items: template, text };
  }
  return {
    kind: 'path',
    itemsPath: optional(s.ItemsPath, (p) => compileRequiredPath(p, 'ItemsPath')),
  };
}

function itemIo(cfg: Obj, jsonata: boolean, field: string): ItemIo {
  const params = jsonata ? cfg.Arguments : cfg.Parameters;
  return {
    resource: typeof cfg.Resource === 'string' ? cfg.Resource : '',
    parameters: optional(params, (p) => payload(p, jsonata, `${field}/Arguments`)),
  };
}

function batcher(b: Obj, jsonata: boolean): ItemBatcherSpec {
  const limit = (literal: unknown, path: unknown, field: string): Payload | undefined => {
    if (jsonata) return { lang: 'JSONata', template: compileJsonataField(literal, field) };
    if (typeof path === 'string' && path)
      return { lang: 'JSONPath', template: compileRequiredPath(path, `${field}Path`) };
    return { lang: 'JSONPath', template: { kind: 'value', value: literal } };
  };
  return {
    maxItems: limit(b.MaxItemsPerBatch, b.MaxItemsPerBatchPath, 'MaxItemsPerBatch'),
    maxBytes: limit(b.MaxInputBytesPerBatch, b.MaxInputBytesPerBatchPath, 'MaxInputBytesPerBatch'),
    batchInput: optional(b.BatchInput, (v) => payload(v, jsonata, 'BatchInput')),
  };
}

/** A payload in the state's language; `field` names JSONata errors. */
function payload(value: unknown, jsonata: boolean, field: string): Payload {
  return jsonata
    ? { lang: 'JSONata', template: compileJsonataTemplate(value, field) }
    : { lang: 'JSONPath', template: compileTemplate(value) };
}

function optional<T, R>(value: T | undefined, compile: (v: T) => R): R | undefined {
  return value === undefined ? undefined : compile(value);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
