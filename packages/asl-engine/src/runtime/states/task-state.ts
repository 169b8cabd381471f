/** The Task state: dispatch to a handler, TimeoutSeconds, HeartbeatSeconds and the callback pattern. */
import { randomUUID } from 'node:crypto';
import { STATES_ERRORS, StatesError, toStatesError } from '../../errors.js';
import type { TaskHandler } from '../../types.js';
import { LazyJson, NOT_TRUNCATED } from '../history-recorder.js';
import { applyResultPath, applyTemplate, selectPath, withInput } from '../json-path-io.js';
import { checkPayloadSize } from '../payload-size.js';
import {
  contextObject,
  effectiveParameters,
  intField,
  jsonataOutput,
  nextOf,
  noop,
  pathAssign,
  type StateOutcome,
  type StateRun,
  type TokenWaiter,
} from '../state-run.js';

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
  const resourceType = lambda ? 'lambda' : m ? m[1]! : 'activity';
  const resource = lambda ? arn : m ? m[2]! : arn;
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

export async function execTask(sr: StateRun, input: unknown): Promise<StateOutcome> {
  const { state } = sr;
  const resource = state.Resource ?? '';
  if (resource.endsWith('.waitForTaskToken')) {
    // a fresh token per attempt, visible to Parameters/Arguments as $$.Task.Token
    sr.taskToken = `${randomUUID()}${randomUUID()}`.replaceAll('-', '');
    sr.ctx = undefined;
  }
  const { value: params, env } = await effectiveParameters(sr, input);
  const timeoutSeconds =
    state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined
      ? undefined
      : await intField(sr, 'TimeoutSeconds', input);
  const heartbeatSeconds =
    state.HeartbeatSeconds === undefined && state.HeartbeatSecondsPath === undefined
      ? undefined
      : await intField(sr, 'HeartbeatSeconds', input);
  const result = await invokeTask(sr, resource, params, timeoutSeconds, heartbeatSeconds);
  if (sr.jsonata) {
    const { output, assigned } = await jsonataOutput(sr, { input, result }, result);
    return { output, next: nextOf(state), assigned };
  }
  const penv = env!;
  const selected =
    state.ResultSelector !== undefined
      ? applyTemplate(state.ResultSelector, withInput(penv, result))
      : result;
  const assigned = pathAssign(sr, selected);
  const merged = applyResultPath(state.ResultPath, input, selected, penv);
  return { output: selectPath(state.OutputPath, merged, penv), next: nextOf(state), assigned };
}

async function invokeTask(
  sr: StateRun,
  resourceArn: string,
  params: unknown,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
): Promise<unknown> {
  const { frame } = sr;
  const { history, thread, rt } = frame;
  const info = resourceInfo(resourceArn);
  if (history.active) {
    const paramsJson = new LazyJson(params);
    const sched: Record<string, unknown> = info.lambda
      ? { resource: resourceArn, input: paramsJson, inputDetails: NOT_TRUNCATED }
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
  const handler = rt.resolveHandler(resourceArn);
  try {
    if (!handler) {
      throw new StatesError(
        STATES_ERRORS.Runtime,
        `${sr.where} No task handler is registered for resource '${resourceArn}'`,
      );
    }
    const result = await callHandler(sr, handler, resourceArn, params, timeoutSeconds, heartbeatSeconds);
    checkPayloadSize(result, info.lambda ? resourceArn : info.resourceType);
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

export function callHandler(
  sr: StateRun,
  handler: TaskHandler,
  resource: string,
  parameters: unknown,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
): Promise<unknown> {
  if (timeoutSeconds !== undefined || heartbeatSeconds !== undefined || sr.taskToken !== undefined)
    return callHandlerWithTimers(sr, handler, resource, parameters, timeoutSeconds, heartbeatSeconds);
  // no timers: the handler shares the branch's cancellation; context and signal are built on demand
  const cancel = sr.frame.cancel;
  return handler({
    resource,
    parameters,
    get context() {
      return contextObject(sr);
    },
    get signal() {
      return cancel.signal;
    },
    stateName: sr.name,
    heartbeat: noop,
  });
}

async function callHandlerWithTimers(
  sr: StateRun,
  handler: TaskHandler,
  resource: string,
  parameters: unknown,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
): Promise<unknown> {
  const { frame } = sr;
  const rt = frame.rt;
  const ctrl = frame.cancel.child();
  let lastBeat = rt.clock.now();
  const req = {
    resource,
    parameters,
    context: contextObject(sr),
    signal: ctrl.signal,
    stateName: sr.name,
    heartbeat: () => {
      lastBeat = rt.clock.now();
    },
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(heartbeatSeconds !== undefined ? { heartbeatSeconds } : {}),
  };
  try {
    const work =
      sr.taskToken !== undefined
        ? waitForCallback(sr, sr.taskToken, handler(req), req.heartbeat)
        : handler(req);
    if (timeoutSeconds === undefined && heartbeatSeconds === undefined) return await work;
    const timers = new AbortController();
    const races: Promise<unknown>[] = [work];
    if (timeoutSeconds !== undefined) {
      races.push(
        rt.sleep(timeoutSeconds * 1000, timers.signal).then(() => {
          throw new StatesError(
            STATES_ERRORS.Timeout,
            `${sr.where} Task timed out after ${timeoutSeconds} seconds.`,
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
            throw new StatesError(STATES_ERRORS.HeartbeatTimeout, `${sr.where} Task heartbeat timed out.`);
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
  sr: StateRun,
  token: string,
  submitted: Promise<unknown>,
  heartbeat: () => void,
): Promise<unknown> {
  const { rt, history, thread, cancel } = sr.frame;
  let waiter!: TokenWaiter;
  const callback = new Promise<unknown>((resolve, reject) => {
    waiter = { succeed: resolve, fail: reject, heartbeat };
  });
  rt.tokens.set(token, waiter);
  const unlink = cancel.onAbort((r) => waiter.fail(toStatesError(r)));
  try {
    const out = await submitted;
    const info = resourceInfo(sr.state.Resource ?? '');
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
