/** The Choice state: JSONPath rules or JSONata Conditions, Default, and per-rule Assign/Output. */
import type { ChoiceRule } from '../../definition/definition-types.js';
import { STATES_ERRORS, StatesError } from '../../errors.js';
import {
  evaluateRequired,
  evaluateTemplate,
  isJsonataTemplate,
  type JsonataEnv,
} from '../../jsonata/jsonata-evaluator.js';
import { evaluateRule } from '../choice-rules.js';
import { applyTemplate, safeJson, selectPath, withInput } from '../json-path-io.js';
import { jsonataEnv, pathEnv, type StateOutcome, type StateRun, typeName } from '../state-run.js';

export async function execChoice(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state } = sr;
  const choices = state.Choices ?? [];
  if (!sr.jsonata) return choicePath(sr, input);
  const env = jsonataEnv(sr, { input });
  for (const rule of choices) {
    const c = isJsonataTemplate(rule.Condition)
      ? await evaluateRequired(rule.Condition, env, 'Condition')
      : rule.Condition;
    if (typeof c !== 'boolean') {
      throw new StatesError(
        STATES_ERRORS.QueryEvaluationError,
        `${sr.where} The JSONata expression '${String(rule.Condition)}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${typeName(c)}' for value: ${safeJson(c)}`,
      );
    }
    if (c) return choiceOutcome(sr, rule, input, env);
  }
  if (state.Default === undefined) throw noChoice(sr);
  return choiceOutcome(sr, undefined, input, env);
}

export function choicePath(sr: StateRun, input: unknown): StateOutcome {
  const { state } = sr;
  const choices = state.Choices ?? [];
  const env = pathEnv(sr, input);
  const effective = selectPath(state.InputPath, input, env);
  const ruleEnv = withInput(env, effective);
  let matched: ChoiceRule | undefined;
  for (const rule of choices) {
    if (evaluateRule(rule, ruleEnv)) {
      matched = rule;
      break;
    }
  }
  if (!matched && state.Default === undefined) throw noChoice(sr);
  const assignSrc = choiceAssign(state.Assign, matched?.Assign);
  const assigned = assignSrc ? (applyTemplate(assignSrc, ruleEnv) as Record<string, unknown>) : undefined;
  return {
    output: selectPath(state.OutputPath, effective, env),
    next: matched ? matched.Next : state.Default,
    assigned,
  };
}

async function choiceOutcome(sr: StateRun, rule: ChoiceRule | undefined, input: unknown, env: JsonataEnv) {
  const assignSrc = choiceAssign(sr.state.Assign, rule?.Assign);
  const outputSrc = rule?.Output !== undefined ? rule.Output : sr.state.Output;
  const assigned = assignSrc
    ? ((await evaluateTemplate(assignSrc, env, 'Assign')) as Record<string, unknown>)
    : undefined;
  const output = outputSrc !== undefined ? await evaluateTemplate(outputSrc, env, 'Output') : input;
  return { output, next: rule ? rule.Next : sr.state.Default, assigned };
}

/** The state-level Assign applies whichever rule matched; the matched rule's Assign adds to it. */
function choiceAssign(
  stateLevel: Record<string, unknown> | undefined,
  ruleLevel: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!stateLevel) return ruleLevel;
  if (!ruleLevel) return stateLevel;
  return { ...stateLevel, ...ruleLevel };
}

function noChoice(sr: StateRun): StatesError {
  return new StatesError(STATES_ERRORS.NoChoiceMatched, `${sr.where} No Matches!`);
}
