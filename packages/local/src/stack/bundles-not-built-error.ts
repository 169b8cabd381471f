/** A function's esbuild bundle is missing: the lambdas package has not been built. */
export class BundlesNotBuiltError extends Error {
  override readonly name = 'BundlesNotBuiltError';
  constructor(readonly missing: readonly string[]) {
    super(
      `the Lambda bundles are not built (missing: ${missing.join(', ')}). ` +
        'Build them with: pnpm --filter @orders/lambdas build',
    );
  }
}
