/** The Choice state: JSONPath rules or JSONata Conditions pick the route (Next, Assign, Output) or the Default. */
import type { ChoiceState } from '../../definition/compiled-types.js';
import { STATES_ERRORS, StatesError } from '../../errors.js';
import { evaluateJsonata } from '../../jsonata/jsonata-evaluator.js';
import { testRule } from '../choice-rules.js';
import { safeJson, typeName } from '../json-values.js';
import type { StateVisit } from '../state-visit.js';

/** Picks the route; the result is the effective input either way. */
export function choose(visit: StateVisit<ChoiceState>, effective: unknown, input: unknown): unknown {
  return visit.state.jsonata ? chooseByCondition(visit, input) : choosePath(visit, effective);
}

/** JSONPath: the first rule that holds over the effective input. */
export function choosePath(visit: StateVisit<ChoiceState>, effective: unknown): unknown {
  const { state } = visit;
  for (const { rule, route } of state.rules) {
    if (testRule(rule, effective, visit)) {
      visit.route = route;
      return effective;
    }
  }
  visit.route = defaultRoute(visit);
  return effective;
}

/** JSONata: the first Condition that is true. */
async function chooseByCondition(visit: StateVisit<ChoiceState>, input: unknown): Promise<unknown> {
  const env = visit.jsonataEnv({ input });
  for (const { condition, text, route } of visit.state.conditions) {
    const c = await evaluateJsonata(condition, env);
    if (typeof c !== 'boolean') {
      throw new StatesError(
        STATES_ERRORS.QueryEvaluationError,
        `${visit.where} The JSONata expression '${text}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${typeName(c)}' for value: ${safeJson(c)}`,
      );
    }
    if (c) {
      visit.route = route;
      return input;
    }
  }
  visit.route = defaultRoute(visit);
  return input;
}

function defaultRoute(visit: StateVisit<ChoiceState>) {
  const route = visit.state.defaultRoute;
  if (!route) throw new StatesError(STATES_ERRORS.NoChoiceMatched, `${visit.where} No Matches!`);
  return route;
}
