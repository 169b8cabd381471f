/** The error document a Lambda invocation returns when the function fails (the `Payload` of the invoke). */
export interface LambdaErrorDocument {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** What the Lambda service reports for an invocation that ran past the function's timeout. */
export function timeoutDocument(requestId: string, timeoutSeconds: number): LambdaErrorDocument {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

/** What the Lambda service reports when the runtime process died (out of memory, crash). */
export function runtimeExitDocument(
  requestId: string,
  outOfMemory: boolean,
  detail: string,
): LambdaErrorDocument {
  return outOfMemory
    ? {
        errorType: 'Runtime.OutOfMemory',
        errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
      }
    : {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${detail}`,
      };
}
