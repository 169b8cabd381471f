import { TaskError } from '@orders/asl-engine';
import type { LambdaService } from '../lambda/lambda-service.js';
import { LambdaServiceError } from '../lambda/lambda-service.js';
import { responseMetadata } from './response-metadata.js';

/** The `lambda:invoke` parameters Step Functions passes on (PascalCase, as the Invoke API). */
interface InvokeParameters {
  readonly FunctionName?: unknown;
  readonly Payload?: unknown;
  readonly InvocationType?: unknown;
  readonly LogType?: unknown;
  readonly Qualifier?: unknown;
}

/**
 * `arn:aws:states:::lambda:invoke`: run the function in its worker and answer with the Invoke response
 * envelope (`Payload`, `StatusCode`, `ExecutedVersion`, SDK metadata). A function error fails the task
 * with the error document's `errorType` as the error and the document (JSON) as the cause.
 */
export async function invokeLambda(lambda: LambdaService, parameters: unknown): Promise<unknown> {
  const params = (parameters ?? {}) as InvokeParameters;
  if (typeof params.FunctionName !== 'string' || params.FunctionName === '') {
    throw new TaskError(
      'States.Runtime',
      'The lambda:invoke parameters must include FunctionName (a function name or ARN)',
    );
  }
  const event = decodePayload(params.Payload);
  const invocationType =
    typeof params.InvocationType === 'string' ? params.InvocationType : 'RequestResponse';
  try {
    if (invocationType === 'DryRun') {
      // A dry run only checks the function exists: invoking an unknown one throws ResourceNotFound.
      if (lambda.resolve(params.FunctionName) === undefined) await lambda.invoke(params.FunctionName, event);
      return { Payload: '', StatusCode: 204, ...responseMetadata(0) };
    }
    if (invocationType === 'Event') {
      // Asynchronous invocation: Lambda queues it and answers 202 at once.
      void lambda.invoke(params.FunctionName, event).catch(() => undefined);
      return { Payload: '', StatusCode: 202, ...responseMetadata(0) };
    }
    const outcome = await lambda.invoke(params.FunctionName, event);
    if (!outcome.ok) {
      throw new TaskError(outcome.error.errorType, JSON.stringify(outcome.error));
    }
    const body = JSON.stringify(outcome.payload);
    const logTail =
      params.LogType === 'Tail' ? logResult(lambda, params.FunctionName, outcome.requestId) : {};
    return {
      ExecutedVersion: '$LATEST',
      ...logTail,
      Payload: outcome.payload,
      ...responseMetadata(Buffer.byteLength(body), { 'X-Amz-Executed-Version': '$LATEST' }),
      StatusCode: 200,
    };
  } catch (error) {
    if (error instanceof LambdaServiceError) throw new TaskError(error.errorName, error.message);
    throw error;
  }
}

/** Step Functions sends a string Payload as the raw request body and a missing one as `{}`. */
function decodePayload(payload: unknown): unknown {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'string') return payload;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

function logResult(lambda: LambdaService, functionName: string, requestId: string): { LogResult: string } {
  const lines = [
    `START RequestId: ${requestId} Version: $LATEST`,
    ...lambda.lambdaLogs(functionName).slice(-20),
  ];
  lines.push(`END RequestId: ${requestId}`);
  return { LogResult: Buffer.from(lines.join('\n').slice(-4096)).toString('base64') };
}
