/** The Map state (INLINE and DISTRIBUTED): items, selectors, batching, concurrency and tolerated failures. */
import type {
  CompiledMachine,
  ItemBatcherSpec,
  ItemIo,
  MapState,
  Payload,
} from '../../definition/compiled-types.js';
import { STATES_ERRORS, StatesError, toStatesError } from '../../errors.js';
import { evaluateJsonata } from '../../jsonata/jsonata-evaluator.js';
import type { Cancellation } from '../cancellation.js';
import { HistoryRecorder } from '../history-recorder.js';
import { readIntField } from '../integer-fields.js';
import { evaluatePayload } from '../io-pipeline.js';
import { evaluateTemplate } from '../json-path-io.js';
import { safeJson, typeName } from '../json-values.js';
import { runMachine } from '../machine-runner.js';
import { MAX_PAYLOAD_BYTES } from '../payload-size.js';
import { errorOutputOf } from '../retry-and-catch.js';
import type { StateVisit } from '../state-visit.js';
import { VariableScope } from '../variable-scope.js';
import { callHandler } from './task-state.js';

type MapVisit = StateVisit<MapState>;

/** Runs every item through the ItemProcessor; the result is the list of outputs (or the ResultWriter's return). */
export async function runMap(visit: MapVisit, effective: unknown, input: unknown): Promise<unknown> {
  const { state } = visit;
  const processor = state.processor;
  if (!processor)
    throw new StatesError(STATES_ERRORS.Runtime, `${visit.where} Map state has no ItemProcessor`);
  const items = await collectItems(visit, effective, input);
  const limits = await readLimits(visit, input);
  const inputs = await itemInputs(visit, items, effective, input);
  const results = await runIterations(visit, processor, inputs, limits);
  if (!state.writer) return results.values;
  return writeResults(visit, state.writer, input, effective, results.values, results.mapRunArn);
}

// ------------------------------------------------------------------ items

/** The items: from the ItemReader, JSONata `Items` (or the input), or JSONPath `ItemsPath` (or the effective input). */
async function collectItems(visit: MapVisit, effective: unknown, input: unknown): Promise<unknown[]> {
  const source = visit.state.items;
  switch (source.kind) {
    case 'reader':
      return readItems(visit, source.reader, source.maxItems, input, effective);
    case 'jsonata': {
      if (!source.items) {
        if (Array.isArray(input)) return input;
        throw new StatesError(
          STATES_ERRORS.QueryEvaluationError,
          `${visit.where} Map state input must be an array but was: ${safeJson(input)}`,
        );
      }
      const items = await evaluateJsonata(source.items, visit.jsonataEnv({ input }));
      if (Array.isArray(items)) return items;
      throw new StatesError(
        STATES_ERRORS.QueryEvaluationError,
        `${visit.where} The JSONata expression '${source.text}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${safeJson(items)}`,
      );
    }
    case 'path': {
      const items = source.itemsPath ? evaluateTemplate(source.itemsPath, effective, visit) : effective;
      if (Array.isArray(items)) return items;
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `${visit.where} Map state input must be an array but was: ${safeJson(items)}`,
      );
    }
  }
}

/**
 * ItemReader: the dispatcher handler for its Resource (e.g. `arn:aws:states:::s3:getObject`)
 * returns the items (an array); ReaderConfig.MaxItems(Path) caps them.
 */
async function readItems(
  visit: MapVisit,
  reader: ItemIo,
  maxItems: Payload | undefined,
  input: unknown,
  effective: unknown,
): Promise<unknown[]> {
  const parameters = reader.parameters && (await evaluatePayload(reader.parameters, visit, input, effective));
  const out = await callIo(visit, reader.resource, parameters, STATES_ERRORS.ItemReaderFailed);
  const items = Array.isArray(out)
    ? out
    : out && typeof out === 'object' && Array.isArray((out as { Items?: unknown }).Items)
      ? (out as { Items: unknown[] }).Items
      : undefined;
  if (!items) {
    throw new StatesError(
      STATES_ERRORS.ItemReaderFailed,
      `${visit.where} The ItemReader handler must return an array of items (or { Items: [...] }).`,
    );
  }
  const max = maxItems && (await evaluatePayload(maxItems, visit, input, effective));
  return typeof max === 'number' && max > 0 ? items.slice(0, max) : items;
}

/** ResultWriter: the dispatcher handler receives `{ ...Parameters, Results, MapRunArn }`; its return is the Map result. */
async function writeResults(
  visit: MapVisit,
  writer: ItemIo,
  input: unknown,
  effective: unknown,
  results: unknown[],
  mapRunArn: string | undefined,
): Promise<unknown> {
  const parameters = writer.parameters && (await evaluatePayload(writer.parameters, visit, input, effective));
  const base = parameters && typeof parameters === 'object' && !Array.isArray(parameters) ? parameters : {};
  return callIo(
    visit,
    writer.resource,
    { ...base, Results: results, MapRunArn: mapRunArn },
    STATES_ERRORS.ResultWriterFailed,
  );
}

/** Calls the dispatcher handler for an ItemReader/ResultWriter resource; its failures take `errorName`. */
async function callIo(
  visit: MapVisit,
  resource: string,
  parameters: unknown,
  errorName: string,
): Promise<unknown> {
  const handler = visit.frame.rt.resolveHandler(resource);
  if (!handler)
    throw new StatesError(
      errorName,
      `${visit.where} No task handler is registered for resource '${resource}'`,
    );
  try {
    return await callHandler(visit, handler, { resource, parameters });
  } catch (e) {
    const err = toStatesError(e);
    throw new StatesError(errorName, `${visit.where} ${err.error ?? ''}: ${err.cause ?? ''}`);
  }
}

/** Per-item input: ItemSelector (with `$$.Map.Item`), then ItemBatcher grouping. */
async function itemInputs(
  visit: MapVisit,
  items: unknown[],
  effective: unknown,
  input: unknown,
): Promise<unknown[]> {
  const { itemSelector, batcher } = visit.state;
  let inputs = items;
  if (itemSelector) {
    inputs = [];
    for (let i = 0; i < items.length; i++)
      inputs.push(
        await evaluatePayload(itemSelector, visit, input, effective, { Index: i, Value: items[i] }),
      );
  }
  return batcher ? batchItems(visit, batcher, inputs, input, effective) : inputs;
}

async function batchItems(
  visit: MapVisit,
  b: ItemBatcherSpec,
  items: unknown[],
  input: unknown,
  effective: unknown,
): Promise<unknown[]> {
  const maxItems = b.maxItems && (await evaluatePayload(b.maxItems, visit, input, effective));
  const maxBytes = b.maxBytes && (await evaluatePayload(b.maxBytes, visit, input, effective));
  const batchInput = b.batchInput && (await evaluatePayload(b.batchInput, visit, input, effective));
  const perBatch = typeof maxItems === 'number' && maxItems > 0 ? maxItems : Number.POSITIVE_INFINITY;
  const bytes = typeof maxBytes === 'number' && maxBytes > 0 ? maxBytes : MAX_PAYLOAD_BYTES;
  const extra = typeof batchInput === 'object' && batchInput !== null ? batchInput : {};
  const batch = (items: unknown[]) =>
    batchInput !== undefined ? { BatchInput: extra, Items: items } : { Items: items };
  const batches: unknown[] = [];
  let cur: unknown[] = [];
  let curBytes = 0;
  for (const it of items) {
    const size = Buffer.byteLength(JSON.stringify(it) ?? 'null');
    if (cur.length > 0 && (cur.length >= perBatch || curBytes + size > bytes)) {
      batches.push(batch(cur));
      cur = [];
      curBytes = 0;
    }
    cur.push(it);
    curBytes += size;
  }
  if (cur.length) batches.push(batch(cur));
  return batches;
}

// ------------------------------------------------------------------ iterations

interface Limits {
  /** 0: no limit. */
  readonly maxConcurrency: number;
  readonly toleratedCount: number | undefined;
  readonly toleratedPercentage: number | undefined;
}

/** MaxConcurrency and (DISTRIBUTED) the tolerated failure count/percentage, read against the state input. */
async function readLimits(visit: MapVisit, input: unknown): Promise<Limits> {
  const { maxConcurrency, toleratedFailureCount, toleratedFailurePercentage } = visit.state;
  const limits = {
    maxConcurrency: maxConcurrency ? await readIntField(maxConcurrency, visit, input) : 0,
    toleratedCount: toleratedFailureCount && (await readIntField(toleratedFailureCount, visit, input)),
    toleratedPercentage:
      toleratedFailurePercentage && (await readIntField(toleratedFailurePercentage, visit, input)),
  };
  const pct = limits.toleratedPercentage;
  if (pct !== undefined && (pct < 0 || pct > 100)) {
    throw new StatesError(
      STATES_ERRORS.Runtime,
      `${visit.where} ToleratedFailurePercentage must be between 0 and 100.`,
    );
  }
  return limits;
}

/**
 * Runs the iterations at most `maxConcurrency` at a time, with the Map's history events. The first
 * failure beyond the tolerance cancels the rest and fails the state.
 */
async function runIterations(
  visit: MapVisit,
  processor: CompiledMachine,
  inputs: unknown[],
  limits: Limits,
): Promise<{ values: unknown[]; mapRunArn: string | undefined }> {
  const { state, frame } = visit;
  const { history, thread } = frame;
  const { distributed } = state;
  history.add(thread, 'MapStateStarted', history.active ? { length: inputs.length } : undefined);
  const mapRunArn = distributed ? newMapRunArn(visit) : undefined;
  if (distributed) history.add(thread, 'MapRunStarted', history.active ? { mapRunArn } : undefined);
  const ctrl = frame.cancel.child();
  const iterations = new Iterations(visit, processor, inputs, limits, ctrl);
  try {
    await iterations.run(limits.maxConcurrency);
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
  if (distributed) history.add(thread, 'MapRunSucceeded');
  history.add(thread, 'MapStateSucceeded');
  return { values: iterations.results, mapRunArn };
}

function newMapRunArn(visit: MapVisit): string {
  const { rt } = visit.frame;
  const suffix = Math.floor(rt.random() * 1e9).toString(16);
  return `${rt.execution.Id.replace(':execution:', ':mapRun:')}/${visit.state.label}:${suffix}`;
}

/** The iterations of one Map visit: each item's run, failures counted against the tolerance. */
class Iterations {
  readonly results: unknown[];
  private failures = 0;
  private nextIndex = 0;
  /** DISTRIBUTED child executions keep their own (unobserved) history and variables. */
  private readonly silent: HistoryRecorder | undefined;

  constructor(
    private readonly visit: MapVisit,
    private readonly processor: CompiledMachine,
    private readonly inputs: unknown[],
    private readonly limits: Limits,
    private readonly ctrl: Cancellation,
  ) {
    this.results = new Array<unknown>(inputs.length);
    this.silent = visit.state.distributed ? new HistoryRecorder(visit.frame.rt.clock, false) : undefined;
  }

  /** Runs every item, `maxConcurrency` workers at a time (0: all at once). */
  async run(maxConcurrency: number): Promise<void> {
    const total = this.inputs.length;
    const limit = maxConcurrency > 0 ? Math.min(maxConcurrency, total) : total;
    const workers: Promise<void>[] = [];
    for (let w = 0; w < limit; w++) workers.push(this.worker());
    await Promise.all(workers);
  }

  private async worker(): Promise<void> {
    while (this.nextIndex < this.inputs.length && !this.ctrl.aborted) await this.runItem(this.nextIndex++);
  }

  private async runItem(i: number): Promise<void> {
    const { visit, ctrl } = this;
    const { frame } = visit;
    const { history, thread } = frame;
    const distributed = visit.state.distributed;
    const details = history.active ? { name: visit.name, index: i } : undefined;
    // the iteration's events follow the event before its MapIterationStarted
    const iterationThread = { last: thread.last };
    if (!distributed) history.add(thread, 'MapIterationStarted', details);
    try {
      this.results[i] = await runMachine(this.processor, this.inputs[i], {
        rt: frame.rt,
        history: this.silent ?? history,
        thread: iterationThread,
        vars: distributed ? new VariableScope() : new VariableScope(frame.vars),
        cancel: ctrl,
      });
      if (!distributed) history.add(thread, 'MapIterationSucceeded', details);
    } catch (e) {
      const err = toStatesError(e);
      if (ctrl.aborted) return;
      if (!distributed) history.add(thread, 'MapIterationFailed', details);
      this.failures++;
      this.results[i] = errorOutputOf(err);
      if (!this.tolerated()) ctrl.abort(distributed ? this.thresholdExceeded() : err);
    }
  }

  /** INLINE Maps tolerate no failure; DISTRIBUTED ones up to the count or the percentage. */
  private tolerated(): boolean {
    const n = this.failures;
    if (!this.visit.state.distributed) return n === 0;
    const { toleratedCount, toleratedPercentage } = this.limits;
    const total = this.inputs.length;
    if (toleratedCount !== undefined && n <= toleratedCount) return true;
    if (toleratedPercentage !== undefined && total > 0 && (n * 100) / total <= toleratedPercentage)
      return true;
    return n === 0;
  }

  private thresholdExceeded(): StatesError {
    return new StatesError(
      STATES_ERRORS.ExceedToleratedFailureThreshold,
      `${this.visit.where} The specified tolerated failure threshold was exceeded`,
    );
  }
}

function failDetails(err: StatesError): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  if (err.error !== undefined) d.error = err.error;
  if (err.cause !== undefined) d.cause = err.cause;
  return d;
}
