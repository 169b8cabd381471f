/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (esbuild alias,
 * scripts/bundles.ts). Lambda always passes the function's role credentials in the environment, so the
 * rest of the default chain (SSO, ini files, IMDS, web identity, process; about 100 KiB minified) is dead
 * weight there. Source runs (tests, tsx) keep the SDK's full chain.
 */
export function defaultProvider(_init?: unknown) {
  return async () => {
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new Error(
        'AWS credentials not found: this bundle reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ' +
          '(and AWS_SESSION_TOKEN) from the environment, as Lambda sets them',
      );
    }
    const sessionToken = process.env.AWS_SESSION_TOKEN;
    const expiration = process.env.AWS_CREDENTIAL_EXPIRATION;
    return {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(expiration ? { expiration: new Date(expiration) } : {}),
    };
  };
}
