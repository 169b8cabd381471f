import { correlationIdOf, type LambdaContext } from './lambda-context.js';
import type { Logger } from './logger.js';

/** What a handler body gets: the raw event and a logger bound to this invocation. */
export interface Invocation {
  readonly event: unknown;
  readonly context: LambdaContext | undefined;
  /** Carries `correlationId`, `requestId`, `functionName` and `coldStart` on every line. */
  readonly log: Logger;
}

/** A Lambda entry point. */
export type LambdaHandler<R> = (event: unknown, context?: LambdaContext) => Promise<R>;

export interface InvocationLogging<R> {
  readonly logger: Logger;
  /** The fields of the finish line (no card data; the logger masks anything card-like as a last resort). */
  readonly summary: (result: R) => Record<string, unknown>;
}

/**
 * Wrap a handler body with invocation logging, as Powertools' `injectLambdaContext` does: every line of the
 * invocation carries the correlation id (the event's `correlationId`/`orderId`/`executionId`, else the
 * request id), the request id, the function name and whether this is the instance's first invocation; a
 * start line, then a finish line with `summary(result)` and the duration, or an error line (name, message,
 * cause) before the error is rethrown.
 */
export function withInvocationLogging<R>(
  options: InvocationLogging<R>,
  body: (invocation: Invocation) => Promise<R>,
): LambdaHandler<R> {
  let coldStart = true;
  return async (event, context) => {
    const log = options.logger.child({
      correlationId: correlationIdOf(event, context),
      ...(context?.awsRequestId === undefined ? {} : { requestId: context.awsRequestId }),
      ...(context?.functionName === undefined ? {} : { functionName: context.functionName }),
      coldStart,
    });
    coldStart = false;
    const started = performance.now();
    log.info('invocation started');
    try {
      const result = await body({ event, context, log });
      log.info('invocation succeeded', {
        ...options.summary(result),
        durationMs: Math.round(performance.now() - started),
      });
      return result;
    } catch (error) {
      log.error('invocation failed', { error, durationMs: Math.round(performance.now() - started) });
      throw error;
    }
  };
}
