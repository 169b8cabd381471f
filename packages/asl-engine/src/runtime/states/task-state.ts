/** The Task state: dispatch to a handler, TimeoutSeconds, HeartbeatSeconds and the callback pattern. */
import type { TaskState } from '../../definition/compiled-types.js';
import { STATES_ERRORS, StatesError, toStatesError } from '../../errors.js';
import type { TaskHandler } from '../../types.js';
import type { TokenWaiter } from '../frame.js';
import { LazyJson, NOT_TRUNCATED } from '../history-recorder.js';
import { readIntField } from '../integer-fields.js';
import { checkPayloadSize } from '../payload-size.js';
import type { StateVisit } from '../state-visit.js';

interface ResourceInfo {
  readonly resourceType: string;
  readonly resource: string;
  readonly lambda: boolean;
  readonly scheduled: string;
  readonly started: string;
  readonly succeeded: string;
  readonly failed: string;
  readonly timedOut: string;
  /** `{ resourceType, resource }` shared by Task* event details. */
  readonly base: Readonly<Record<string, string>>;
}

const resourceCache = new Map<string, ResourceInfo>();

/** Splits a Resource ARN into the event fields Step Functions reports (cached per ARN). */
function resourceInfo(arn: string): ResourceInfo {
  let info = resourceCache.get(arn);
  if (info) return info;
  const lambda = arn.startsWith('arn:aws:lambda:');
  const m = /^arn:[^:]+:states:[^:]*:[^:]*:([^:]+):(.+)$/.exec(arn);
  const resourceType = lambda ? 'lambda' : (m?.[1] ?? 'activity');
  const resource = lambda ? arn : (m?.[2] ?? arn);
  const prefix = lambda ? 'LambdaFunction' : 'Task';
  info = {
    resourceType,
    resource,
    lambda,
    scheduled: `${prefix}Scheduled`,
    started: `${prefix}Started`,
    succeeded: `${prefix}Succeeded`,
    failed: `${prefix}Failed`,
    timedOut: `${prefix}TimedOut`,
    base: Object.freeze(lambda ? {} : { resourceType, resource }),
  };
  if (resourceCache.size > 10_000) resourceCache.clear();
  resourceCache.set(arn, info);
  return info;
}

/** Calls the handler for the Resource with the effective parameters; its return is the result. */
export function runTask(visit: StateVisit<TaskState>, parameters: unknown, input: unknown): Promise<unknown> {
  const { state } = visit;
  const call: TaskCall = { resource: state.resource, parameters };
  if (!state.timeoutSeconds && !state.heartbeatSeconds) return invokeTask(visit, call);
  return withTimerFields(visit, call, input);
}

/** TimeoutSeconds(Path) and HeartbeatSeconds(Path) are read against the state input. */
async function withTimerFields(
  visit: StateVisit<TaskState>,
  call: TaskCall,
  input: unknown,
): Promise<unknown> {
  const { timeoutSeconds, heartbeatSeconds } = visit.state;
  if (timeoutSeconds) call.timeoutSeconds = await readIntField(timeoutSeconds, visit, input);
  if (heartbeatSeconds) call.heartbeatSeconds = await readIntField(heartbeatSeconds, visit, input);
  return invokeTask(visit, call);
}

/** One call of a dispatcher handler: the resource, its parameters and the task's timers. */
export interface TaskCall {
  readonly resource: string;
  readonly parameters: unknown;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

/** Records TaskScheduled/Started, calls the handler, and records how it ended. */
async function invokeTask(visit: StateVisit<TaskState>, call: TaskCall): Promise<unknown> {
  const { frame } = visit;
  const { history, thread, rt } = frame;
  const { resource, timeoutSeconds, heartbeatSeconds } = call;
  const info = resourceInfo(resource);
  if (history.active) {
    const paramsJson = new LazyJson(call.parameters);
    const sched: Record<string, unknown> = info.lambda
      ? { resource, input: paramsJson, inputDetails: NOT_TRUNCATED }
      : {
          resourceType: info.resourceType,
          resource: info.resource,
          region: rt.region,
          parameters: paramsJson,
        };
    if (timeoutSeconds !== undefined) sched.timeoutInSeconds = timeoutSeconds;
    if (heartbeatSeconds !== undefined) sched.heartbeatInSeconds = heartbeatSeconds;
    history.add(thread, info.scheduled, sched);
    history.add(thread, info.started, info.lambda ? undefined : info.base);
  } else {
    history.add(thread, info.scheduled);
    history.add(thread, info.started);
  }
  const handler = rt.resolveHandler(resource);
  try {
    if (!handler) {
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `${visit.where} No task handler is registered for resource '${resource}'`,
      );
    }
    const result = await callHandler(visit, handler, call);
    checkPayloadSize(result, info.lambda ? resource : info.resourceType);
    if (history.active)
      history.add(thread, info.succeeded, {
        ...info.base,
        output: new LazyJson(result),
        outputDetails: NOT_TRUNCATED,
      });
    else history.add(thread, info.succeeded);
    return result;
  } catch (e) {
    const err = toStatesError(e);
    if (frame.cancel.aborted) throw frame.cancel.reason ?? err;
    const timedOut = err.error === STATES_ERRORS.Timeout || err.error === STATES_ERRORS.HeartbeatTimeout;
    const d: Record<string, unknown> = { ...info.base };
    if (err.error !== undefined) d.error = err.error;
    if (err.cause !== undefined) d.cause = err.cause;
    history.add(thread, timedOut ? info.timedOut : info.failed, history.active ? d : undefined);
    throw err;
  }
}

/** Calls a handler (Task, ItemReader, ResultWriter): with timers when the call has any, else as cheaply as possible. */
export function callHandler(visit: StateVisit, handler: TaskHandler, call: TaskCall): Promise<unknown> {
  if (
    call.timeoutSeconds !== undefined ||
    call.heartbeatSeconds !== undefined ||
    visit.taskToken !== undefined
  )
    return callHandlerWithTimers(visit, handler, call);
  // no timers: the handler shares the branch's cancellation; context and signal are built on demand
  const cancel = visit.frame.cancel;
  return handler({
    resource: call.resource,
    parameters: call.parameters,
    get context() {
      return visit.contextObject();
    },
    get signal() {
      return cancel.signal;
    },
    stateName: visit.name,
    heartbeat: noop,
  });
}

async function callHandlerWithTimers(
  visit: StateVisit,
  handler: TaskHandler,
  call: TaskCall,
): Promise<unknown> {
  const { frame } = visit;
  const rt = frame.rt;
  const ctrl = frame.cancel.child();
  const { resource, timeoutSeconds, heartbeatSeconds } = call;
  let lastBeat = rt.clock.now();
  const req = {
    resource,
    parameters: call.parameters,
    context: visit.contextObject(),
    signal: ctrl.signal,
    stateName: visit.name,
    heartbeat: () => {
      lastBeat = rt.clock.now();
    },
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(heartbeatSeconds !== undefined ? { heartbeatSeconds } : {}),
  };
  try {
    const work =
      visit.taskToken !== undefined
        ? waitForCallback(visit, resource, visit.taskToken, handler(req), req.heartbeat)
        : handler(req);
    if (timeoutSeconds === undefined && heartbeatSeconds === undefined) return await work;
    const timers = new AbortController();
    const races: Promise<unknown>[] = [work];
    if (timeoutSeconds !== undefined) {
      races.push(
        rt.sleep(timeoutSeconds * 1000, timers.signal).then(() => {
          throw new StatesError(
            STATES_ERRORS.Timeout,
            `${visit.where} Task timed out after ${timeoutSeconds} seconds.`,
          );
        }),
      );
    }
    if (heartbeatSeconds !== undefined) {
      const watch = async (): Promise<never> => {
        for (;;) {
          const wait = lastBeat + heartbeatSeconds * 1000 - rt.clock.now();
          if (wait > 0) await rt.sleep(wait, timers.signal);
          if (timers.signal.aborted) throw new StatesError(STATES_ERRORS.HeartbeatTimeout);
          if (rt.clock.now() - lastBeat >= heartbeatSeconds * 1000)
            throw new StatesError(STATES_ERRORS.HeartbeatTimeout, `${visit.where} Task heartbeat timed out.`);
        }
      };
      races.push(watch());
    }
    try {
      return await Promise.race(races);
    } finally {
      timers.abort();
      for (const p of races) p.catch(() => undefined);
    }
  } catch (e) {
    ctrl.abort(e);
    throw e;
  } finally {
    ctrl.detach();
  }
}

/** Calls the handler (which hands the token on), then waits for SendTaskSuccess/Failure. */
async function waitForCallback(
  visit: StateVisit,
  resource: string,
  token: string,
  submitted: Promise<unknown>,
  heartbeat: () => void,
): Promise<unknown> {
  const { rt, history, thread, cancel } = visit.frame;
  let waiter!: TokenWaiter;
  const callback = new Promise<unknown>((resolve, reject) => {
    waiter = { succeed: resolve, fail: reject, heartbeat };
  });
  rt.tokens.set(token, waiter);
  const unlink = cancel.onAbort((r) => waiter.fail(toStatesError(r)));
  try {
    const out = await submitted;
    const info = resourceInfo(resource);
    history.add(
      thread,
      'TaskSubmitted',
      history.active ? { ...info.base, output: new LazyJson(out), outputDetails: NOT_TRUNCATED } : undefined,
    );
    return await callback;
  } finally {
    unlink();
    rt.tokens.delete(token);
  }
}

function noop(): void {}
