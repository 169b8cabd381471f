import { correlationIdOf, type LambdaContext } from './lambda-context.js';
import type { Logger } from './logger.js';

/**
 * Run one invocation with structured logging: a start line, a finish line with `summary(result)` and
 * the duration, or an error line (name, message, cause) before rethrowing. Log fields must not hold
 * card data; the logger masks anything card-like as a last resort.
 */
export async function runHandler<R>(
  logger: Logger,
  event: unknown,
  context: LambdaContext | undefined,
  body: (log: Logger) => Promise<R>,
  summary: (result: R) => Record<string, unknown>,
): Promise<R> {
  const log = logger.child({
    correlationId: correlationIdOf(event, context),
    ...(context?.awsRequestId === undefined ? {} : { requestId: context.awsRequestId }),
  });
  const started = performance.now();
  log.info('invocation started');
  try {
    const result = await body(log);
    log.info('invocation succeeded', {
      ...summary(result),
      durationMs: Math.round(performance.now() - started),
    });
    return result;
  } catch (error) {
    log.error('invocation failed', { error, durationMs: Math.round(performance.now() - started) });
    throw error;
  }
}
