/** The fields of the Lambda context object the handlers use (no dependency on @types/aws-lambda). */
export interface LambdaContext {
  readonly awsRequestId?: string;
  readonly functionName?: string;
}

const SAFE_ID = /^[A-Za-z0-9_:.-]{1,128}$/;

/**
 * The id that ties log lines to one order: `correlationId`, `orderId` or `executionId` from the event
 * when present and well-formed, else the Lambda request id.
 */
export function correlationIdOf(event: unknown, context: LambdaContext | undefined): string {
  if (event !== null && typeof event === 'object') {
    const fields = event as Record<string, unknown>;
    for (const key of ['correlationId', 'orderId', 'executionId']) {
      const value = fields[key];
      if (typeof value === 'string' && SAFE_ID.test(value)) return value;
    }
  }
  return context?.awsRequestId ?? 'none';
}
