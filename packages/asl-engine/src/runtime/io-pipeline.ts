/**
 * The one I/O pipeline every state goes through: the input stage (InputPath → Parameters, or JSONata
 * Arguments), the state's own work, then the output stage (ResultSelector → Assign → ResultPath →
 * OutputPath, or JSONata Assign and Output). A Catch runs the same output stage over the error output.
 */
import type { CompiledState, OutputStage, Payload, Route } from '../definition/compiled-types.js';
import { evaluateJsonata } from '../jsonata/jsonata-evaluator.js';
import {
  applyResultPath,
  evaluateTemplate,
  type MapItem,
  type PathScope,
  selectPath,
} from './json-path-io.js';
import type { StateVisit } from './state-visit.js';

/** What a state visit ends with: its output, the next state (undefined: the machine ends), assigned variables. */
export interface StateOutcome {
  output: unknown;
  next: string | undefined;
  assigned?: Record<string, unknown> | undefined;
}

/** A state's own work on its effective input; returns its result (a Choice also picks `visit.route`). */
export type StateWork<S extends CompiledState = CompiledState> = (
  visit: StateVisit<S>,
  effective: unknown,
  input: unknown,
) => unknown;

/** Input stage, work, output stage; the work may be asynchronous. */
export async function runPipeline<S extends CompiledState>(
  visit: StateVisit<S>,
  input: unknown,
  work: StateWork<S>,
): Promise<StateOutcome> {
  const stage = visit.state.input;
  const effective =
    stage.kind === 'JSONPath'
      ? pathInput(visit, input)
      : stage.arguments
        ? await evaluateJsonata(stage.arguments, visit.jsonataEnv({ input }))
        : input;
  const result = await work(visit, effective, input);
  return runOutputStage(visit, visit.route, input, result);
}

/** The same pipeline for JSONPath states whose work never waits (Pass, Choice, Succeed): no promise per state. */
export function runPathPipeline<S extends CompiledState>(
  visit: StateVisit<S>,
  input: unknown,
  work: StateWork<S>,
): StateOutcome {
  const result = work(visit, pathInput(visit, input), input);
  return pathOutput(visit.route, visit, input, result);
}

/** The output stage of a route: the state's own, a Choice rule's, or a Catch's (with the error output as result). */
export function runOutputStage(
  visit: StateVisit,
  route: Route,
  input: unknown,
  result: unknown,
): StateOutcome | Promise<StateOutcome> {
  return route.output.kind === 'JSONPath'
    ? pathOutput(route, visit, input, result)
    : jsonataOutput(route, route.output, visit, input, result);
}

/** InputPath, then Parameters over the selected input. */
function pathInput(visit: StateVisit, input: unknown): unknown {
  const stage = visit.state.input;
  if (stage.kind !== 'JSONPath') throw new TypeError(`state '${visit.name}' is not a JSONPath state`);
  const effective = selectPath(stage.inputPath, input, visit);
  return stage.parameters ? evaluateTemplate(stage.parameters, effective, visit) : effective;
}

/** ResultSelector over the result, Assign over the selected result, ResultPath into the input, then OutputPath. */
function pathOutput(route: Route, scope: PathScope, input: unknown, result: unknown): StateOutcome {
  const stage = route.output;
  if (stage.kind !== 'JSONPath') throw new TypeError('a JSONPath state has a JSONata route');
  const selected = stage.resultSelector ? evaluateTemplate(stage.resultSelector, result, scope) : result;
  const assigned = stage.assign
    ? (evaluateTemplate(stage.assign, selected, scope) as Record<string, unknown>)
    : undefined;
  const merged = applyResultPath(stage.resultPath, input, selected, scope);
  return { output: selectPath(stage.outputPath, merged, scope), next: route.next, assigned };
}

/** Assign, then Output (the result by default), both seeing `$states.input` and the result under its binding. */
async function jsonataOutput(
  route: Route,
  stage: OutputStage & { kind: 'JSONata' },
  visit: StateVisit,
  input: unknown,
  result: unknown,
): Promise<StateOutcome> {
  if (!stage.assign && !stage.output) return { output: result, next: route.next, assigned: undefined };
  const env = visit.jsonataEnv(
    stage.binding === 'result'
      ? { input, result }
      : stage.binding === 'errorOutput'
        ? { input, errorOutput: result }
        : { input },
  );
  const assigned = stage.assign
    ? ((await evaluateJsonata(stage.assign, env)) as Record<string, unknown>)
    : undefined;
  const output = stage.output ? await evaluateJsonata(stage.output, env) : result;
  return { output, next: route.next, assigned };
}

/**
 * A payload of a state's own fields (ItemSelector, BatchInput, an ItemReader's Parameters, Fail's
 * ErrorPath, ...): JSONPath sees the effective input as `$`, JSONata sees `$states.input`.
 */
export function evaluatePayload(
  p: Payload,
  visit: StateVisit,
  input: unknown,
  effective: unknown,
  item?: MapItem,
): unknown {
  if (p.lang === 'JSONata') return evaluateJsonata(p.template, visit.jsonataEnv({ input }, item));
  return evaluateTemplate(p.template, effective, item ? visit.itemScope(item) : visit);
}
