import { type Condition, renderCondition } from '../condition.js';
import { renderIo } from '../private/io.js';
import { dropUndefined, renderTemplate } from '../private/render-value.js';
import {
  type Chainable,
  type IoOptions,
  type RenderContext,
  State,
  type StateOptions,
  type Target,
  type Transition,
} from '../state.js';

export interface ChoiceOptions extends StateOptions, Pick<IoOptions, 'inputPath' | 'outputPath' | 'output'> {}

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
export class ChoiceState extends State {
  readonly type = 'Choice' as const;
  readonly #rules: Rule[] = [];
  #default: Target | undefined;

  constructor(
    name: string,
    readonly options: ChoiceOptions,
  ) {
    super(name, options);
  }

  get rules(): readonly Rule[] {
    return this.#rules;
  }

  get defaultTarget(): Target | undefined {
    return this.#default;
  }

  /** Adds a rule: when `condition` holds, go to `next`. */
  when(condition: Condition, next: Chainable | string, options: ChoiceRuleOptions = {}): this {
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
      ...renderIo(this.options),
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
export function choice(name: string, options: ChoiceOptions = {}): ChoiceState {
  return new ChoiceState(name, options);
}
