/** The Map state (INLINE and DISTRIBUTED): items, selectors, batching, concurrency and tolerated failures. */
import { STATES_ERRORS, StatesError, toStatesError } from '../../errors.js';
import { evaluateRequired, evaluateTemplate, isJsonataTemplate } from '../../jsonata/jsonata-evaluator.js';
import { HistoryRecorder } from '../history-recorder.js';
import {
  applyTemplate,
  type PathEnv,
  requirePath,
  safeJson,
  selectPath,
  withInput,
} from '../json-path-io.js';
import { runMachine } from '../machine-runner.js';
import { MAX_PAYLOAD_BYTES } from '../payload-size.js';
import {
  errorOutputOf,
  failDetails,
  finishComposite,
  intField,
  jsonataEnv,
  pathEnv,
  type StateOutcome,
  type StateRun,
  templateText,
  typeName,
} from '../state-run.js';
import { VariableScope } from '../variable-scope.js';
import { callHandler } from './task-state.js';

export async function execMap(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state, frame } = sr;
  const { history, thread } = frame;
  const processor = state.ItemProcessor ?? state.Iterator;
  if (!processor) throw new StatesError(STATES_ERRORS.Runtime, `${sr.where} Map state has no ItemProcessor`);
  const distributed = processor.ProcessorConfig?.Mode === 'DISTRIBUTED';
  let env: PathEnv | undefined;
  let effective: unknown = input;
  let items: unknown;
  if (state.ItemReader !== undefined) {
    if (!sr.jsonata) {
      env = pathEnv(sr, input);
      effective = selectPath(state.InputPath, input, env);
    }
    items = await readItems(sr, input, effective);
  } else if (sr.jsonata) {
    const jenv = jsonataEnv(sr, { input });
    if (state.Items !== undefined) {
      items = isJsonataTemplate(state.Items)
        ? await evaluateRequired(state.Items, jenv, 'Items')
        : state.Items;
      if (Array.isArray(items) && !isJsonataTemplate(state.Items))
        items = await evaluateTemplate(items, jenv, 'Items');
      if (!Array.isArray(items)) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${sr.where} The JSONata expression '${typeof state.Items === 'string' ? templateText(state.Items) : safeJson(state.Items)}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${safeJson(items)}`,
        );
      }
    } else {
      items = input;
      if (!Array.isArray(items)) {
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${sr.where} Map state input must be an array but was: ${safeJson(items)}`,
        );
      }
    }
  } else {
    env = pathEnv(sr, input);
    effective = selectPath(state.InputPath, input, env);
    items =
      state.ItemsPath !== undefined
        ? requirePath(state.ItemsPath, withInput(env, effective), 'ItemsPath')
        : effective;
    if (!Array.isArray(items)) {
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `${sr.where} Map state input must be an array but was: ${safeJson(items)}`,
      );
    }
  }
  const list = items as unknown[];
  const maxConcurrency =
    state.MaxConcurrency === undefined && state.MaxConcurrencyPath === undefined
      ? 0
      : ((await intField(sr, 'MaxConcurrency', input)) ?? 0);
  const toleratedCount =
    distributed &&
    (state.ToleratedFailureCount !== undefined || state.ToleratedFailureCountPath !== undefined)
      ? await intField(sr, 'ToleratedFailureCount', input)
      : undefined;
  const toleratedPct =
    distributed &&
    (state.ToleratedFailurePercentage !== undefined || state.ToleratedFailurePercentagePath !== undefined)
      ? await intField(sr, 'ToleratedFailurePercentage', input, true)
      : undefined;
  if (toleratedPct !== undefined && (toleratedPct < 0 || toleratedPct > 100)) {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${sr.where} ToleratedFailurePercentage must be between 0 and 100.`,
    );
  }

  // per-item input (ItemSelector / Parameters), then ItemBatcher grouping
  const selector = state.ItemSelector ?? (sr.jsonata ? undefined : state.Parameters);
  let inputs: unknown[] = list;
  if (selector !== undefined) {
    inputs = [];
    for (let i = 0; i < list.length; i++) {
      const item = { Index: i, Value: list[i] };
      if (sr.jsonata)
        inputs.push(await evaluateTemplate(selector, jsonataEnv(sr, { input }, item), 'ItemSelector'));
      else inputs.push(applyTemplate(selector, pathEnv(sr, effective, item)));
    }
  }
  if (state.ItemBatcher) inputs = await batchItems(sr, inputs, input, effective);

  history.add(thread, 'MapStateStarted', history.active ? { length: inputs.length } : undefined);
  const mapRunArn = distributed
    ? `${frame.rt.execution.Id.replace(':execution:', ':mapRun:')}/${state.Label ?? sr.name}:${Math.floor(frame.rt.random() * 1e9).toString(16)}`
    : undefined;
  if (distributed) history.add(thread, 'MapRunStarted', history.active ? { mapRunArn } : undefined);

  const ctrl = frame.cancel.child();
  const results = new Array<unknown>(inputs.length);
  let failures = 0;
  let firstError: StatesError | undefined;
  const total = inputs.length;
  const tolerated = (n: number) => {
    if (!distributed) return n === 0;
    if (toleratedCount !== undefined && n <= toleratedCount) return true;
    if (toleratedPct !== undefined && total > 0 && (n * 100) / total <= toleratedPct) return true;
    return n === 0;
  };
  const childQl = processor.QueryLanguage ?? (sr.jsonata ? 'JSONata' : frame.queryLanguage);
  // child executions of a DISTRIBUTED Map keep their own (unobserved) history
  const silent = distributed ? new HistoryRecorder(frame.rt.clock, false) : undefined;
  const runItem = async (i: number): Promise<void> => {
    const iterThread = { last: thread.last };
    if (!distributed)
      history.add(thread, 'MapIterationStarted', history.active ? { name: sr.name, index: i } : undefined);
    try {
      results[i] = await runMachine(processor, inputs[i], {
        rt: frame.rt,
        history: silent ?? history,
        thread: iterThread,
        vars: distributed ? new VariableScope() : new VariableScope(frame.vars),
        cancel: ctrl,
        queryLanguage: childQl,
      });
      if (!distributed)
        history.add(
          thread,
          'MapIterationSucceeded',
          history.active ? { name: sr.name, index: i } : undefined,
        );
    } catch (e) {
      const err = toStatesError(e);
      if (ctrl.aborted) return;
      if (!distributed)
        history.add(thread, 'MapIterationFailed', history.active ? { name: sr.name, index: i } : undefined);
      failures++;
      firstError ??= err;
      results[i] = errorOutputOf(err);
      if (!tolerated(failures)) {
        ctrl.abort(
          distributed
            ? new StatesError(
                STATES_ERRORS.ExceedToleratedFailureThreshold,
                `${sr.where} The specified tolerated failure threshold was exceeded`,
              )
            : err,
        );
      }
    }
  };
  try {
    const limit = maxConcurrency > 0 ? Math.min(maxConcurrency, total) : total;
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < total && !ctrl.aborted) {
        const i = nextIndex++;
        await runItem(i);
      }
    };
    const workers: Promise<void>[] = [];
    for (let w = 0; w < limit; w++) workers.push(worker());
    await Promise.all(workers);
    if (frame.cancel.aborted) throw frame.cancel.reason;
    if (ctrl.aborted) throw ctrl.reason;
  } catch (e) {
    const err = toStatesError(e);
    if (distributed) history.add(thread, 'MapRunFailed', history.active ? failDetails(err) : undefined);
    history.add(thread, 'MapStateFailed');
    throw err;
  } finally {
    ctrl.detach();
  }
  void firstError;
  if (distributed) history.add(thread, 'MapRunSucceeded');
  history.add(thread, 'MapStateSucceeded');
  if (state.ResultWriter !== undefined) {
    const written = await writeResults(sr, input, effective, results, mapRunArn);
    return finishComposite(sr, input, written, env);
  }
  return finishComposite(sr, input, results, env);
}

interface IoConfig {
  Resource?: string;
  Parameters?: unknown;
  Arguments?: unknown;
  ReaderConfig?: { MaxItems?: unknown; MaxItemsPath?: string };
}

/** Effective parameters of an ItemReader / ResultWriter block. */
async function ioParameters(sr: StateRun, cfg: IoConfig, input: unknown, effective: unknown, field: string) {
  if (sr.jsonata) {
    return cfg.Arguments !== undefined
      ? evaluateTemplate(cfg.Arguments, jsonataEnv(sr, { input }), `${field}/Arguments`)
      : undefined;
  }
  return cfg.Parameters !== undefined ? applyTemplate(cfg.Parameters, pathEnv(sr, effective)) : undefined;
}

/** Calls the dispatcher handler for an ItemReader/ResultWriter resource. */
async function callIo(sr: StateRun, cfg: IoConfig, parameters: unknown, errorName: string): Promise<unknown> {
  const resource = cfg.Resource ?? '';
  const handler = sr.frame.rt.resolveHandler(resource);
  if (!handler)
    throw new StatesError(errorName, `${sr.where} No task handler is registered for resource '${resource}'`);
  try {
    return await callHandler(sr, handler, resource, parameters, undefined, undefined);
  } catch (e) {
    const err = toStatesError(e);
    throw new StatesError(errorName, `${sr.where} ${err.error ?? ''}: ${err.cause ?? ''}`);
  }
}

/**
 * ItemReader: the dispatcher handler for its Resource (e.g. `arn:aws:states:::s3:getObject`)
 * returns the items (an array); ReaderConfig.MaxItems(Path) caps them.
 */
async function readItems(sr: StateRun, input: unknown, effective: unknown): Promise<unknown[]> {
  const cfg = sr.state.ItemReader as IoConfig;
  const parameters = await ioParameters(sr, cfg, input, effective, 'ItemReader');
  const out = await callIo(sr, cfg, parameters, STATES_ERRORS.ItemReaderFailed);
  const items = Array.isArray(out)
    ? out
    : out && typeof out === 'object' && Array.isArray((out as { Items?: unknown }).Items)
      ? (out as { Items: unknown[] }).Items
      : undefined;
  if (!items) {
    throw new StatesError(
      STATES_ERRORS.ItemReaderFailed,
      `${sr.where} The ItemReader handler must return an array of items (or { Items: [...] }).`,
    );
  }
  let max = cfg.ReaderConfig?.MaxItems;
  if (cfg.ReaderConfig?.MaxItemsPath)
    max = requirePath(cfg.ReaderConfig.MaxItemsPath, pathEnv(sr, effective), 'MaxItemsPath');
  if (isJsonataTemplate(max)) max = await evaluateRequired(max, jsonataEnv(sr, { input }), 'MaxItems');
  return typeof max === 'number' && max > 0 ? items.slice(0, max) : items;
}

/** ResultWriter: the dispatcher handler receives `{ ...Parameters, Results, MapRunArn }`; its return is the Map result. */
async function writeResults(
  sr: StateRun,
  input: unknown,
  effective: unknown,
  results: unknown[],
  mapRunArn: string | undefined,
): Promise<unknown> {
  const cfg = sr.state.ResultWriter as IoConfig;
  const parameters = await ioParameters(sr, cfg, input, effective, 'ResultWriter');
  const base = parameters && typeof parameters === 'object' && !Array.isArray(parameters) ? parameters : {};
  return callIo(
    sr,
    cfg,
    { ...base, Results: results, MapRunArn: mapRunArn },
    STATES_ERRORS.ResultWriterFailed,
  );
}

async function batchItems(
  sr: StateRun,
  items: unknown[],
  input: unknown,
  effective: unknown,
): Promise<unknown[]> {
  const b = sr.state.ItemBatcher!;
  let maxItems: unknown = b.MaxItemsPerBatch;
  let maxBytes: unknown = b.MaxInputBytesPerBatch;
  let batchInput: unknown = b.BatchInput;
  if (sr.jsonata) {
    const env = jsonataEnv(sr, { input });
    if (isJsonataTemplate(maxItems)) maxItems = await evaluateRequired(maxItems, env, 'MaxItemsPerBatch');
    if (isJsonataTemplate(maxBytes))
      maxBytes = await evaluateRequired(maxBytes, env, 'MaxInputBytesPerBatch');
    if (batchInput !== undefined) batchInput = await evaluateTemplate(batchInput, env, 'BatchInput');
  } else {
    const env = pathEnv(sr, effective);
    if (b.MaxItemsPerBatchPath) maxItems = requirePath(b.MaxItemsPerBatchPath, env, 'MaxItemsPerBatchPath');
    if (b.MaxInputBytesPerBatchPath)
      maxBytes = requirePath(b.MaxInputBytesPerBatchPath, env, 'MaxInputBytesPerBatchPath');
    if (batchInput !== undefined) batchInput = applyTemplate(batchInput, env);
  }
  const perBatch = typeof maxItems === 'number' && maxItems > 0 ? maxItems : Number.POSITIVE_INFINITY;
  const bytes = typeof maxBytes === 'number' && maxBytes > 0 ? maxBytes : MAX_PAYLOAD_BYTES;
  const extra = typeof batchInput === 'object' && batchInput !== null ? batchInput : {};
  const batches: unknown[] = [];
  let cur: unknown[] = [];
  let curBytes = 0;
  for (const it of items) {
    const size = Buffer.byteLength(JSON.stringify(it) ?? 'null');
    if (cur.length > 0 && (cur.length >= perBatch || curBytes + size > bytes)) {
      batches.push(batchInput !== undefined ? { BatchInput: extra, Items: cur } : { Items: cur });
      cur = [];
      curBytes = 0;
    }
    cur.push(it);
    curBytes += size;
  }
  if (cur.length) batches.push(batchInput !== undefined ? { BatchInput: extra, Items: cur } : { Items: cur });
  return batches;
}
