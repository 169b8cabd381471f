/** Integer fields given as a literal, a `…Path` or a JSONata template: TimeoutSeconds, MaxConcurrency, ... */
import type { IntField } from '../definition/compiled-types.js';
import type { StateDefinition } from '../definition/definition-types.js';
import { STATES_ERRORS, StatesError } from '../errors.js';
import { compileJsonataField, evaluateJsonata, isJsonataTemplate } from '../jsonata/jsonata-evaluator.js';
import { compileReference, requireReference } from './json-path-io.js';
import { safeJson, typeName } from './json-values.js';
import type { StateVisit } from './state-visit.js';

/** Compiles `field` / `fieldPath` of a state; undefined when the state has neither. */
export function compileIntField(
  state: StateDefinition,
  field:
    | 'TimeoutSeconds'
    | 'HeartbeatSeconds'
    | 'MaxConcurrency'
    | 'ToleratedFailureCount'
    | 'ToleratedFailurePercentage',
  allowFloat = false,
): IntField | undefined {
  const literal = state[field];
  const path = state[`${field}Path`];
  if (literal !== undefined) {
    if (isJsonataTemplate(literal))
      return {
        field,
        allowFloat,
        value: { kind: 'jsonata', template: compileJsonataField(literal, field), text: literal },
      };
    return { field, allowFloat, value: { kind: 'literal', value: Number(literal) } };
  }
  if (typeof path === 'string')
    return { field, allowFloat, value: { kind: 'path', ref: compileReference(path) } };
  return undefined;
}

/** Reads an integer field against the state input; fails the state when the value is not a usable integer. */
export async function readIntField(f: IntField, visit: StateVisit, input: unknown): Promise<number> {
  const { field, allowFloat, value } = f;
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'jsonata': {
      const v = await evaluateJsonata(value.template, visit.jsonataEnv({ input }));
      if (typeof v !== 'number' || (!allowFloat && !Number.isInteger(v)) || v < 0) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${visit.where} The JSONata expression '${value.text}' specified for the field '${field}' returned an unexpected result type. Expected 'integer', but was '${typeName(v)}' for value: ${safeJson(v)}`,
        );
      }
      return v;
    }
    case 'path': {
      const pathField = `${field}Path`;
      const v = requireReference(value.ref, input, visit, pathField);
      const n =
        typeof v === 'number'
          ? v
          : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)
            ? Number(v)
            : Number.NaN;
      if (Number.isNaN(n) || (!allowFloat && !Number.isInteger(n))) {
        throw new StatesError(
          STATES_ERRORS.Runtime,
          `${visit.where} The ${pathField} field refers to value "${typeof v === 'string' ? v : safeJson(v)}" which is not a valid integer: ${value.ref.source}`,
        );
      }
      if (n < 0) throw new StatesError(STATES_ERRORS.Runtime, `${visit.where} ${field} cannot be negative.`);
      return n;
    }
  }
}
