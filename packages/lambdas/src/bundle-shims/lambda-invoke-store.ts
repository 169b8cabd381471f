/**
 * Stands in for `@aws/lambda-invoke-store` in the Lambda bundles (esbuild alias, scripts/bundles.ts). The
 * SDK's recursion-detection middleware asks it for the invocation's X-Ray trace id and W3C trace context.
 * The Lambda runtime that keeps that per-invocation context publishes its store on
 * `globalThis.awslambda.InvokeStore` before the handler loads, and the real module returns that store
 * when it is there; otherwise it makes an empty one of its own, which answers nothing (the middleware
 * then falls back to `_X_AMZN_TRACE_ID`). This returns the runtime's store or nothing: the same answers
 * without the store implementation (about 2 KiB minified). Source runs (tests, tsx) use the real module.
 */
interface RuntimeInvokeStore {
  getXRayTraceId(): string | undefined;
  getTraceparent?(): string | undefined;
  getTracestate?(): string | undefined;
  getBaggage?(): string | undefined;
}

const noGlobal = () => ['true', '1'].includes(process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA ?? '');

export const InvokeStore = {
  async getInstanceAsync(): Promise<RuntimeInvokeStore | undefined> {
    if (noGlobal()) return undefined;
    return (globalThis as { awslambda?: { InvokeStore?: RuntimeInvokeStore } }).awslambda?.InvokeStore;
  },
};
