import { collectScope, targetName } from './private/graph.js';
import { dropUndefined } from './private/render-value.js';
import { validateMachine } from './private/validate.js';
import {
  type Chainable,
  type IamStatement,
  NextableState,
  type QueryLanguage,
  type RenderContext,
  type Scope,
  type State,
} from './state.js';
import { TaskState } from './states/task.js';
import { DefinitionValidationError, type ValidationProblem } from './validation-error.js';

export interface StateMachineOptions {
  /** The first state (or chain). */
  readonly startAt: Chainable;
  /** States reached only by name; listing a state that nothing reaches is reported by validation. */
  readonly states?: readonly State[];
  /** The default query language of every state (ASL default: JSONPath). */
  readonly queryLanguage?: QueryLanguage;
  readonly comment?: string;
  /** Execution timeout in seconds. */
  readonly timeoutSeconds?: number;
}

/** A state visited by `walk()`: the state and the chain of scopes (Parallel/Map state names) it is in. */
export interface WalkedState {
  readonly state: State;
  readonly path: readonly string[];
  readonly queryLanguage: QueryLanguage;
}

/** A state machine definition: validated once, rendered purely. */
export class StateMachineDefinition<R = string> {
  constructor(readonly options: StateMachineOptions) {}

  /** Every problem in the graph (empty when it is valid). */
  validate(): ValidationProblem[] {
    const problems = validateMachine(this.options, this.options.queryLanguage ?? 'JSONPath');
    const t = this.options.timeoutSeconds;
    if (t !== undefined && !(Number.isInteger(t) && t > 0)) {
      problems.push({
        state: '(state machine)',
        message: `timeoutSeconds must be a positive integer (got ${t})`,
      });
    }
    return problems;
  }

  /** The ASL object; ref leaves (R) are the values given, never unwrapped. Throws when validation fails. */
  toAsl(): Record<string, unknown> {
    const problems = this.validate();
    if (problems.length > 0) throw new DefinitionValidationError(problems);
    const language = this.options.queryLanguage ?? 'JSONPath';
    const context: RenderContext = {
      targetName,
      renderScope: (scope) => renderScope(scope, language, context),
    };
    return dropUndefined({
      Comment: this.options.comment,
      QueryLanguage: this.options.queryLanguage,
      TimeoutSeconds: this.options.timeoutSeconds,
      ...renderScope(this.options, language, context),
    });
  }

  /** Deterministic JSON (meaningful when the refs are plain strings). */
  render(space = 2): string {
    return `${JSON.stringify(this.toAsl(), null, space)}\n`;
  }

  /** Every state, depth-first in rendering order, with the Parallel/Map states that contain it. */
  walk(): WalkedState[] {
    const out: WalkedState[] = [];
    const visit = (scope: Scope, path: readonly string[]) => {
      for (const state of collectScope(scope)) {
        out.push({ state, path, queryLanguage: state.queryLanguage });
        for (const s of state.scopes()) visit(s, [...path, state.name]);
      }
    };
    visit(this.options, []);
    return out;
  }

  /** The IAM statements every task declares, merged per resource list (first-seen order). */
  iamStatements(): IamStatement<R>[] {
    const merged: { actions: string[]; resources: R[] }[] = [];
    for (const { state } of this.walk()) {
      if (!(state instanceof TaskState)) continue;
      for (const statement of (state as TaskState<R>).iam) {
        const same = merged.find(
          (m) =>
            m.resources.length === statement.resources.length &&
            m.resources.every((r, i) => r === statement.resources[i]),
        );
        if (same === undefined)
          merged.push({ actions: [...statement.actions], resources: [...statement.resources] });
        else for (const a of statement.actions) if (!same.actions.includes(a)) same.actions.push(a);
      }
    }
    return merged;
  }
}

/** A scope's states; each state's QueryLanguage is written where it differs from the state machine's. */
function renderScope(scope: Scope, language: QueryLanguage, context: RenderContext): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (const state of collectScope(scope)) {
    states[state.name] = dropUndefined({
      Type: state.type,
      Comment: state.comment,
      QueryLanguage: state.queryLanguage === language ? undefined : state.queryLanguage,
      ...state.renderBody(context),
      ...(state instanceof NextableState ? state.renderNext(context) : {}),
    });
  }
  return { StartAt: scope.startAt.startState.name, States: states };
}

/** A state machine definition from its start state (or chain). */
export function stateMachine<R = string>(options: StateMachineOptions): StateMachineDefinition<R> {
  return new StateMachineDefinition<R>(options);
}
