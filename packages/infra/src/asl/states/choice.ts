import { type Condition, type ConditionIn, renderCondition } from '../condition.js';
import { renderIo } from '../private/io.js';
import { dropUndefined, renderTemplate } from '../private/render-value.js';
import {
  type Chainable,
  type InLanguage,
  type IoOptions,
  type QueryLanguage,
  type RenderContext,
  State,
  type StateOptions,
  type Target,
  type Transition,
} from '../state.js';

/** Every field of a Choice state (its rules are added with `when`). */
export type ChoiceFields = Pick<IoOptions, 'inputPath' | 'outputPath' | 'output'>;

/** A Choice state's options in language L. */
export type ChoiceOptions<L extends QueryLanguage = 'JSONPath'> = StateOptions<L> &
  InLanguage<ChoiceFields, L>;

export interface ChoiceRuleOptions {
  /** Variables to set when this rule matches. */
  readonly assign?: Readonly<Record<string, unknown>>;
  readonly comment?: string;
}

interface Rule {
  readonly condition: Condition;
  readonly target: Target;
  readonly options: ChoiceRuleOptions;
}

/** A Choice state: the first matching rule picks the next state, else `otherwise`. Cannot be chained after. */
export class ChoiceState<L extends QueryLanguage = QueryLanguage> extends State<L> {
  readonly type = 'Choice' as const;
  readonly #rules: Rule[] = [];
  #default: Target | undefined;
  declare readonly options: StateOptions<L> & ChoiceFields;

  constructor(name: string, options: ChoiceOptions<L>) {
    super(name, options as StateOptions<L>);
  }

  get rules(): readonly Rule[] {
    return this.#rules;
  }

  get defaultTarget(): Target | undefined {
    return this.#default;
  }

  /** Adds a rule: when `condition` (a JSONPath test, or `Condition.jsonata` in JSONata) holds, go to `next`. */
  when(condition: ConditionIn<L>, next: Chainable | string, options: ChoiceRuleOptions = {}): this {
    this.#rules.push({ condition, target: typeof next === 'string' ? next : next.startState, options });
    return this;
  }

  /** The state to go to when no rule matches (without one, no match fails with States.NoChoiceMatched). */
  otherwise(next: Chainable | string): this {
    if (this.#default !== undefined) throw new Error(`Choice '${this.name}' already has a default`);
    this.#default = typeof next === 'string' ? next : next.startState;
    return this;
  }

  override isTerminal(): boolean {
    return false;
  }

  override transitions(): Transition[] {
    const rules = this.#rules.map((r) => ({ target: r.target, kind: 'Choice' as const }));
    return this.#default === undefined ? rules : [...rules, { target: this.#default, kind: 'Default' }];
  }

  override renderBody(render: RenderContext): Record<string, unknown> {
    return dropUndefined({
      Choices: this.#rules.map((r) =>
        dropUndefined({
          ...renderCondition(r.condition),
          Comment: r.options.comment,
          Assign: r.options.assign === undefined ? undefined : renderTemplate(r.options.assign),
          Next: render.targetName(r.target),
        }),
      ),
      Default: this.#default === undefined ? undefined : render.targetName(this.#default),
      ...renderIo(this.options as ChoiceFields),
    });
  }
}

/** A short text for a condition (diagram labels). */
export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'compare':
      return `${condition.variable} ${condition.operator} ${JSON.stringify(condition.value)}`;
    case 'and':
    case 'or':
      return condition.conditions.map(describeCondition).join(` ${condition.kind} `);
    case 'not':
      return `not (${describeCondition(condition.condition)})`;
    case 'jsonata':
      return condition.expression;
  }
}

/** A Choice state; add rules with `.when(condition, next)` and a default with `.otherwise(next)`. */
export function choice<L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: ChoiceOptions<L> = {} as ChoiceOptions<L>,
): ChoiceState<L> {
  return new ChoiceState<L>(name, options);
}
