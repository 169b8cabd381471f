/**
 * A conservative taint analysis over a rendered definition: can a sensitive field of the execution input
 * (e.g. `paymentDetails.cardNumber`) reach a DynamoDB, SNS or other service request, or a Lambda that is not
 * allowed to see it? It follows the data through state inputs and outputs, Parameters/Arguments,
 * ResultSelector/ResultPath/OutputPath/Output, variables (Assign), Catch, Parallel and Map.
 *
 * Assumptions (stated so a reviewer can challenge them): task results carry no input data unless an Output
 * or ResultPath puts it there (the Lambdas' result types have no card fields; DynamoDB only returns what was
 * written, which this analysis checks); error outputs are redacted by the code that raises them. A
 * reference it cannot follow precisely (`$x.*`, `$x[0]`, `$keys($x)`) counts as the whole value.
 */

type Json = unknown;

/** One sensitive field that reaches a sink. */
export interface SensitiveFlow {
  readonly state: string;
  readonly sink: 'DynamoDB' | 'SNS' | 'Lambda' | 'Service';
  readonly field: string;
  /** The request field it was found in (e.g. `Arguments.Item`). */
  readonly via: string;
}

export interface SensitiveFlowOptions {
  /** Dot paths of sensitive fields in the execution input. */
  readonly sensitiveFields: readonly string[];
  /** FunctionName values of Lambdas allowed to receive sensitive data. */
  readonly allowedFunctions?: readonly unknown[];
}

/** A tainted value: which sensitive field (origin) sits where (rest, '' = the value itself). */
interface Mark {
  readonly origin: string;
  readonly rest: string;
}
type Taint = readonly Mark[];

const CLEAN: Taint = [];

function union(...taints: Taint[]): Taint {
  const out = new Map<string, Mark>();
  for (const t of taints) for (const m of t) out.set(`${m.origin}|${m.rest}`, m);
  return [...out.values()].sort((a, b) => `${a.origin}|${a.rest}`.localeCompare(`${b.origin}|${b.rest}`));
}

function same(a: Taint, b: Taint): boolean {
  return a.length === b.length && a.every((m, i) => m.origin === b[i]?.origin && m.rest === b[i]?.rest);
}

/** The taint of `value.<fields>` given the taint of `value`. */
function select(taint: Taint, fields: readonly string[]): Taint {
  const out: Mark[] = [];
  for (const m of taint) {
    const rest = m.rest === '' ? [] : m.rest.split('.');
    const common = Math.min(rest.length, fields.length);
    if (rest.slice(0, common).join('.') !== fields.slice(0, common).join('.')) continue;
    out.push({
      origin: m.origin,
      rest: rest.length > fields.length ? rest.slice(fields.length).join('.') : '',
    });
  }
  return union(out);
}

/** The taint of `{ <fields>: value }` given the taint of `value`. */
function nest(taint: Taint, fields: readonly string[]): Taint {
  if (fields.length === 0) return taint;
  return taint.map((m) => ({
    origin: m.origin,
    rest: [...fields, ...(m.rest === '' ? [] : [m.rest])].join('.'),
  }));
}

interface Env {
  readonly input: Taint;
  readonly result: Taint;
  readonly errorOutput: Taint;
  readonly executionInput: Taint;
  readonly vars: ReadonlyMap<string, Taint>;
}

const IDENT = /^[A-Za-z_]\w*$/;

/** Splits `a.b[0].c` into fields, dropping array indices (arrays are transparent to the analysis). */
function fieldsOf(path: string): { fields: string[]; exact: boolean } {
  const fields: string[] = [];
  let exact = true;
  for (const part of path.split('.')) {
    if (part === '') continue;
    const name = part.replace(/\[.*$/, '');
    if (name !== '' && IDENT.test(name)) fields.push(name);
    if (part.includes('[') && !/^\w*(\[\d+\])+$/.test(part)) exact = false;
    if (name === '*' || (!IDENT.test(name) && name !== '')) exact = false;
    if (!exact) break;
  }
  return { fields, exact };
}

/** Taint of a JSONata expression (the text inside `{% %}`). */
function jsonataTaint(expression: string, env: Env): Taint {
  const found: Taint[] = [];
  const ref = /\$\$?[A-Za-z_]?\w*(?:\.[A-Za-z_]\w*)*/g;
  for (const match of expression.matchAll(ref)) {
    const text = match[0];
    const after = expression.slice((match.index ?? 0) + text.length);
    // `$x.*`, `$x.{…}`, `$x[0]` stop the match: the prefix matched so far counts as a whole.
    // split gives at least one segment ('' for ''), so the default never applies.
    const [head = '', ...fields] = text.split('.');
    let rest = fields;
    let base: Taint;
    if (head === '$' || head === '$$') {
      base = env.input;
    } else if (head === '$states') {
      const [kind, ...tail] = rest;
      if (kind === 'input') base = env.input;
      else if (kind === 'result') base = env.result;
      else if (kind === 'errorOutput') base = env.errorOutput;
      else if (kind === 'context' && tail[0] === 'Execution' && tail[1] === 'Input') {
        base = env.executionInput;
        tail.splice(0, 2);
      } else if (kind === undefined) base = union(env.input, env.result, env.errorOutput);
      else base = CLEAN;
      rest = kind === undefined ? [] : tail;
    } else {
      if (rest.length === 0 && /^\s*\(/.test(after)) continue; // a function call such as $string(…)
      base = env.vars.get(head.slice(1)) ?? CLEAN;
    }
    found.push(select(base, rest));
  }
  return union(...found);
}

/** Taint of a JSONPath expression (a path, a context path, a variable or an intrinsic function call). */
function jsonPathTaint(expression: string, env: Env): Taint {
  const found: Taint[] = [];
  const ref = /\$\$?(?:[A-Za-z_]\w*)?(?:\.[A-Za-z_*]\w*|\[[^\]]*\])*/g;
  for (const match of expression.matchAll(ref)) {
    const text = match[0];
    if (text.startsWith('$$')) {
      // The group is not optional: it is there exactly when the path reads the execution's input.
      const [, inputPath] = /^\$\$\.Execution\.Input(.*)$/.exec(text) ?? [];
      if (inputPath !== undefined) {
        found.push(select(env.executionInput, fieldsOf(inputPath).fields));
      }
      continue;
    }
    // Neither group is optional: both are there exactly when the text is a variable's path.
    const [, variable, variablePath] = /^\$([A-Za-z_]\w*)(.*)$/.exec(text) ?? [];
    if (variable !== undefined && variablePath !== undefined) {
      const { fields } = fieldsOf(variablePath);
      found.push(select(env.vars.get(variable) ?? CLEAN, fields));
      continue;
    }
    const { fields } = fieldsOf(text.slice(1));
    found.push(select(env.input, fields));
  }
  return union(...found);
}

function isJsonataString(value: Json): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}');
}

/** Taint of a payload template / JSONata template, and where each tainted leaf is. */
function templateTaint(
  value: Json,
  env: Env,
  jsonataMode: boolean,
  at: string,
  hits?: Map<string, Taint>,
): Taint {
  if (isJsonataString(value) && jsonataMode) {
    const t = jsonataTaint(value.slice(2, -2), env);
    if (t.length > 0) hits?.set(at, t);
    return t;
  }
  if (Array.isArray(value)) {
    return union(...value.map((v, i) => templateTaint(v, env, jsonataMode, `${at}[${i}]`, hits)));
  }
  if (value !== null && typeof value === 'object') {
    const parts: Taint[] = [];
    for (const [key, field] of Object.entries(value as Record<string, Json>)) {
      if (!jsonataMode && key.endsWith('.$') && typeof field === 'string') {
        const name = key.slice(0, -2);
        const t = jsonPathTaint(field, env);
        if (t.length > 0) hits?.set(`${at}.${name}`, t);
        parts.push(nest(t, [name]));
      } else {
        parts.push(nest(templateTaint(field, env, jsonataMode, `${at}.${key}`, hits), [key]));
      }
    }
    return union(...parts);
  }
  return CLEAN;
}

function pathSelect(taint: Taint, path: Json, env: Env): Taint {
  if (path === undefined) return taint;
  if (path === null) return CLEAN;
  if (typeof path !== 'string') return taint;
  return jsonPathTaint(path, { ...env, input: taint });
}

interface StateDef {
  readonly [key: string]: Json;
}

function sinkOf(state: StateDef, allowed: readonly unknown[]): SensitiveFlow['sink'] | undefined {
  const resource = String(state.Resource ?? '');
  if (/:dynamodb:|aws-sdk:dynamodb/.test(resource)) return 'DynamoDB';
  if (/:sns:|aws-sdk:sns/.test(resource)) return 'SNS';
  if (resource.includes(':lambda:invoke')) {
    const request = (state.Arguments ?? state.Parameters) as Record<string, Json> | undefined;
    return allowed.includes(request?.FunctionName) ? undefined : 'Lambda';
  }
  return 'Service';
}

/** Every sensitive field that can reach a sink, with the state and the request field. */
export function findSensitiveFlows(definition: Json, options: SensitiveFlowOptions): SensitiveFlow[] {
  const root = definition as { QueryLanguage?: string; StartAt: string; States: Record<string, StateDef> };
  const executionInput: Taint = options.sensitiveFields.map((f) => ({ origin: f, rest: f }));
  const vars = new Map<string, Taint>();
  const inputs = new Map<StateDef, Taint>();
  const outputs = new Map<StateDef, Taint>();
  const allowed = options.allowedFunctions ?? [];
  const defaultLanguage = root.QueryLanguage ?? 'JSONPath';
  let changed = true;

  const feed = (state: StateDef | undefined, taint: Taint) => {
    if (state === undefined) return;
    const merged = union(inputs.get(state) ?? CLEAN, taint);
    if (!same(merged, inputs.get(state) ?? CLEAN)) {
      inputs.set(state, merged);
      changed = true;
    }
  };
  const assign = (assignments: Json, env: Env, jsonataMode: boolean) => {
    if (assignments === null || typeof assignments !== 'object') return;
    for (const [name, expr] of Object.entries(assignments as Record<string, Json>)) {
      const key = name.endsWith('.$') ? name.slice(0, -2) : name;
      const t = jsonataMode
        ? templateTaint(expr, env, true, name)
        : name.endsWith('.$') && typeof expr === 'string'
          ? jsonPathTaint(expr, env)
          : templateTaint(expr, env, false, name);
      const merged = union(vars.get(key) ?? CLEAN, t);
      if (!same(merged, vars.get(key) ?? CLEAN)) {
        vars.set(key, merged);
        changed = true;
      }
    }
  };

  /** One pass over a scope; returns the union of its states' outputs (the scope's possible results). */
  const scope = (states: Record<string, StateDef>, startAt: string, startInput: Taint): Taint => {
    feed(states[startAt], startInput);
    let results: Taint = CLEAN;
    for (const state of Object.values(states)) {
      const jsonataMode = (state.QueryLanguage ?? defaultLanguage) === 'JSONata';
      const inputTaint = inputs.get(state) ?? CLEAN;
      const base: Env = { input: inputTaint, result: CLEAN, errorOutput: CLEAN, executionInput, vars };
      const effective = jsonataMode ? inputTaint : pathSelect(inputTaint, state.InputPath, base);
      const env: Env = { ...base, input: effective };
      let result: Taint = CLEAN;
      if (state.Type === 'Parallel') {
        const branchInput = jsonataMode
          ? state.Arguments === undefined
            ? effective
            : templateTaint(state.Arguments, env, true, 'Arguments')
          : state.Parameters === undefined
            ? effective
            : templateTaint(state.Parameters, env, false, 'Parameters');
        for (const b of (state.Branches as { StartAt: string; States: Record<string, StateDef> }[]) ?? []) {
          result = union(result, scope(b.States, b.StartAt, branchInput));
        }
      } else if (state.Type === 'Map') {
        const items = jsonataMode
          ? state.Items === undefined
            ? effective
            : templateTaint(state.Items, env, true, 'Items')
          : pathSelect(effective, state.ItemsPath, env);
        const itemInput =
          state.ItemSelector === undefined
            ? items
            : templateTaint(state.ItemSelector, env, jsonataMode, 'ItemSelector');
        const p = (state.ItemProcessor ?? state.Iterator) as {
          StartAt: string;
          States: Record<string, StateDef>;
        };
        result = scope(p.States, p.StartAt, itemInput);
      } else if (state.Type === 'Pass') {
        result = jsonataMode
          ? effective
          : state.Parameters !== undefined
            ? templateTaint(state.Parameters, env, false, 'Parameters')
            : state.Result !== undefined
              ? CLEAN
              : effective;
      }
      if (!jsonataMode && state.ResultSelector !== undefined) {
        result = templateTaint(state.ResultSelector, { ...env, input: result }, false, 'ResultSelector');
      }
      const withResult: Env = { ...env, result };
      let output: Taint;
      if (jsonataMode) {
        output =
          state.Output !== undefined
            ? templateTaint(state.Output, withResult, true, 'Output')
            : state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map'
              ? result
              : effective;
      } else {
        const hasResult = ['Task', 'Parallel', 'Map', 'Pass'].includes(String(state.Type));
        let merged = effective;
        if (hasResult) {
          const rp = state.ResultPath;
          if (rp === null) merged = inputTaint;
          else if (rp === undefined || rp === '$') merged = result;
          else merged = union(inputTaint, nest(result, fieldsOf(String(rp).slice(1)).fields));
        }
        output = pathSelect(merged, state.OutputPath, env);
      }
      outputs.set(state, output);
      assign(state.Assign, withResult, jsonataMode);
      results = union(results, output);

      const targets: [string | undefined, Taint][] = [];
      if (typeof state.Next === 'string') targets.push([state.Next, output]);
      if (state.Type === 'Choice') {
        for (const rule of (state.Choices as Record<string, Json>[]) ?? []) {
          assign(rule.Assign, env, jsonataMode);
          targets.push([rule.Next as string, output]);
        }
        if (typeof state.Default === 'string') targets.push([state.Default, output]);
      }
      for (const c of (state.Catch as Record<string, Json>[]) ?? []) {
        const errEnv: Env = { ...env, errorOutput: CLEAN };
        assign(c.Assign, errEnv, jsonataMode);
        const handlerInput = jsonataMode
          ? c.Output === undefined
            ? CLEAN
            : templateTaint(c.Output, errEnv, true, 'Catch.Output')
          : c.ResultPath === null
            ? inputTaint
            : c.ResultPath === undefined || c.ResultPath === '$'
              ? CLEAN
              : inputTaint;
        targets.push([c.Next as string, handlerInput]);
      }
      for (const [name, taint] of targets) if (name !== undefined) feed(states[name], taint);
    }
    return results;
  };

  for (let i = 0; changed && i < 100; i++) {
    changed = false;
    scope(root.States, root.StartAt, executionInput);
  }

  // Sinks, with the final taints.
  const flows: SensitiveFlow[] = [];
  const check = (states: Record<string, StateDef>) => {
    for (const [name, state] of Object.entries(states)) {
      for (const b of (state.Branches as { States: Record<string, StateDef> }[]) ?? []) check(b.States);
      const processor = (state.ItemProcessor ?? state.Iterator) as
        | { States: Record<string, StateDef> }
        | undefined;
      if (processor !== undefined) check(processor.States);
      if (state.Type !== 'Task') continue;
      const sink = sinkOf(state, allowed);
      if (sink === undefined) continue;
      const jsonataMode = (state.QueryLanguage ?? defaultLanguage) === 'JSONata';
      const inputTaint = inputs.get(state) ?? CLEAN;
      const env: Env = {
        input: jsonataMode
          ? inputTaint
          : pathSelect(inputTaint, state.InputPath, {
              input: inputTaint,
              result: CLEAN,
              errorOutput: CLEAN,
              executionInput,
              vars,
            }),
        result: CLEAN,
        errorOutput: CLEAN,
        executionInput,
        vars,
      };
      const field = jsonataMode ? 'Arguments' : 'Parameters';
      const request = state[field];
      const hits = new Map<string, Taint>();
      if (request === undefined) {
        // Without a request template the whole (effective) input is sent.
        if (env.input.length > 0) hits.set('(state input)', env.input);
      } else {
        templateTaint(request, env, jsonataMode, field, hits);
      }
      for (const [via, taint] of hits) {
        for (const origin of new Set(taint.map((m) => m.origin)))
          flows.push({ state: name, sink, field: origin, via });
      }
    }
  };
  check(root.States);
  return flows;
}
