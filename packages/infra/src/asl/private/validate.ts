import { wrongLanguageFields } from '@orders/asl-engine';
import type { RetryOptions } from '../retry.js';
import type { QueryLanguage, Scope, State } from '../state.js';
import { ChoiceState } from '../states/choice.js';
import { MapState } from '../states/map.js';
import { ParallelState } from '../states/parallel.js';
import { TaskState } from '../states/task.js';
import type { ValidationProblem } from '../validation-error.js';
import { collectScope, targetName } from './graph.js';
import { RetryableState } from './retryable-state.js';

/** Checks a whole state machine (every scope) and returns every problem found. */
export function validateMachine(root: Scope, defaultLanguage: QueryLanguage): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const add = (state: string, message: string) => problems.push({ state, message });
  const byName = new Map<string, Set<State>>();
  const scopeOf = new Map<State, Scope>();

  const walk = (scope: Scope, language: QueryLanguage, where: string) => {
    const states = collectScope(scope);
    const names = new Map<string, State>();
    for (const state of states) {
      const owner = scopeOf.get(state);
      if (owner !== undefined && owner !== scope) {
        add(state.name, `belongs to more than one scope: a transition crosses the boundary of ${where}`);
      }
      scopeOf.set(state, scope);
      const same = byName.get(state.name) ?? new Set<State>();
      same.add(state);
      byName.set(state.name, same);
      if (!names.has(state.name)) names.set(state.name, state);
    }
    const resolve = (t: State | string): State | undefined =>
      typeof t === 'string' ? names.get(t) : states.includes(t) ? t : undefined;

    // Targets exist.
    for (const state of states) {
      for (const t of state.transitions()) {
        if (resolve(t.target) === undefined) {
          add(state.name, `${t.kind} target '${targetName(t.target)}' does not exist in ${where}`);
        }
      }
    }
    // Reachable from StartAt.
    const start = scope.startAt.startState;
    const reached = new Set<State>([start]);
    const queue = [start];
    for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
      for (const t of state.transitions()) {
        const next = resolve(t.target);
        if (next !== undefined && !reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const state of states) {
      if (!reached.has(state)) add(state.name, `is unreachable from '${start.name}' (StartAt of ${where})`);
    }
    // Every state has a way to end (fixpoint over reverse edges).
    // A dangling transition is reported above; counting it as an exit keeps one mistake to one problem.
    const canEnd = new Set<State>(
      states.filter((s) => s.isTerminal() || s.transitions().some((t) => resolve(t.target) === undefined)),
    );
    let changed = true;
    while (changed) {
      changed = false;
      for (const state of states) {
        if (canEnd.has(state)) continue;
        if (state.transitions().some((t) => canEndVia(resolve(t.target), canEnd))) {
          canEnd.add(state);
          changed = true;
        }
      }
    }
    for (const state of states) {
      if (reached.has(state) && !canEnd.has(state)) {
        add(state.name, 'has no way to end (no path to a Succeed, Fail or End state)');
      }
    }

    for (const state of states) {
      if (language === 'JSONata' && state.queryLanguage === 'JSONPath') {
        add(
          state.name,
          `is a JSONPath state in ${where}, whose language is JSONata (build it with JSONata.*)`,
        );
      }
      checkState(state, state.queryLanguage, add);
      const scopes = state.scopes();
      if (state instanceof ParallelState && scopes.length === 0) add(state.name, 'Parallel has no branches');
      scopes.forEach((s, i) => {
        const label =
          state instanceof MapState
            ? `the item processor of '${state.name}'`
            : `branch ${i + 1} of '${state.name}'`;
        walk(s, language, label);
      });
    }
  };

  walk(root, defaultLanguage, 'the state machine');

  for (const [name, states] of byName) {
    if (states.size > 1)
      add(name, `state name is used by ${states.size} different states (names must be unique)`);
  }
  return problems;
}

function canEndVia(next: State | undefined, canEnd: Set<State>): boolean {
  return next !== undefined && canEnd.has(next);
}

function checkState(
  state: State,
  language: QueryLanguage,
  add: (state: string, message: string) => void,
): void {
  if (state.name.length === 0 || state.name.length > 80)
    add(state.name, 'state names must be 1 to 80 characters');
  if (state instanceof ChoiceState) {
    if (state.rules.length === 0) add(state.name, 'Choice has no rules');
    for (const rule of state.rules) {
      if (language === 'JSONata' && rule.condition.kind !== 'jsonata') {
        add(state.name, 'JSONata Choice rules need a JSONata condition (Condition.jsonata)');
      }
      if (language === 'JSONPath' && rule.condition.kind === 'jsonata') {
        add(state.name, 'a JSONata condition needs queryLanguage JSONata');
      }
    }
  }
  if (state instanceof TaskState) {
    const { timeoutSeconds, heartbeatSeconds } = state.options;
    if (timeoutSeconds !== undefined && !isPositiveInteger(timeoutSeconds)) {
      add(state.name, `timeoutSeconds must be a positive integer (got ${timeoutSeconds})`);
    }
    if (heartbeatSeconds !== undefined && !isPositiveInteger(heartbeatSeconds)) {
      add(state.name, `heartbeatSeconds must be a positive integer (got ${heartbeatSeconds})`);
    }
    if (
      timeoutSeconds !== undefined &&
      heartbeatSeconds !== undefined &&
      heartbeatSeconds >= timeoutSeconds
    ) {
      add(state.name, 'heartbeatSeconds must be smaller than timeoutSeconds');
    }
  }
  if (state instanceof RetryableState) {
    checkErrorLists(
      state.name,
      'Retry',
      state.retriers.map((r) => r.errors),
      add,
    );
    checkErrorLists(
      state.name,
      'Catch',
      state.catchers.map((c) => c.options.errors ?? ['States.ALL']),
      add,
    );
    state.retriers.forEach((r, i) => {
      checkRetry(state.name, i, r, add);
    });
    for (const c of state.catchers) {
      if (language === 'JSONata' && c.options.resultPath !== undefined) {
        add(state.name, 'Catch resultPath is JSONPath-only; use output in a JSONata state');
      }
      if (language === 'JSONPath' && c.options.output !== undefined) {
        add(state.name, 'Catch output is JSONata-only; use resultPath in a JSONPath state');
      }
    }
  }
  // The options' types keep a state to its language's fields (InLanguage); this catches what a cast or
  // plain JavaScript lets through, from the options themselves: the engine owns the list of fields.
  const options = state.options as Readonly<Record<string, unknown>>;
  for (const field of wrongLanguageFields(language)) {
    if (options[uncapitalize(field)] !== undefined) {
      add(state.name, `${field} cannot be used in a ${language} state`);
    }
  }
  if (language === 'JSONata') {
    for (const [option, field] of JSONATA_TEMPLATES) {
      const at = pathKeyIn(options[option]);
      if (at !== undefined)
        add(state.name, `${field} has a '.$' field (${at}), which JSONata states do not evaluate`);
    }
  }
}

/** The options a JSONata state renders as templates, with the field each becomes. */
const JSONATA_TEMPLATES = [
  ['request', 'Arguments'],
  ['arguments', 'Arguments'],
  ['output', 'Output'],
  ['assign', 'Assign'],
  ['itemSelector', 'ItemSelector'],
] as const;

function uncapitalize(field: string): string {
  return `${field.charAt(0).toLowerCase()}${field.slice(1)}`;
}

/** The first key ending in `.$` in a template (its dotted place), if any; refs and states are not walked. */
function pathKeyIn(value: unknown, at = ''): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = pathKeyIn(v, `${at}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const here = at === '' ? k : `${at}.${k}`;
    if (k.endsWith('.$')) return here;
    const found = pathKeyIn(v, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

function checkErrorLists(
  state: string,
  field: 'Retry' | 'Catch',
  lists: readonly (readonly string[])[],
  add: (state: string, message: string) => void,
): void {
  lists.forEach((errors, i) => {
    if (errors.length === 0) add(state, `${field}[${i}] has no error names`);
    if (errors.includes('States.ALL')) {
      if (errors.length > 1) add(state, `${field}[${i}]: States.ALL must appear alone in its ErrorEquals`);
      if (i !== lists.length - 1)
        add(state, `${field}[${i}]: the States.ALL ${field.toLowerCase()}er must be last`);
    }
  });
}

function checkRetry(
  state: string,
  index: number,
  r: RetryOptions,
  add: (state: string, message: string) => void,
): void {
  const at = `Retry[${index}]`;
  if (r.intervalSeconds !== undefined && !isPositiveInteger(r.intervalSeconds)) {
    add(state, `${at}: intervalSeconds must be a positive integer (got ${r.intervalSeconds})`);
  }
  if (r.maxAttempts !== undefined && !(Number.isInteger(r.maxAttempts) && r.maxAttempts >= 0)) {
    add(state, `${at}: maxAttempts must be a non-negative integer (got ${r.maxAttempts})`);
  }
  if (r.backoffRate !== undefined && !(Number.isFinite(r.backoffRate) && r.backoffRate >= 1)) {
    add(state, `${at}: backoffRate must be at least 1.0 (got ${r.backoffRate})`);
  }
  if (r.maxDelaySeconds !== undefined && !isPositiveInteger(r.maxDelaySeconds)) {
    add(state, `${at}: maxDelaySeconds must be a positive integer (got ${r.maxDelaySeconds})`);
  }
  if (r.jitterStrategy !== undefined && r.jitterStrategy !== 'FULL' && r.jitterStrategy !== 'NONE') {
    add(state, `${at}: jitterStrategy must be FULL or NONE (got ${String(r.jitterStrategy)})`);
  }
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
