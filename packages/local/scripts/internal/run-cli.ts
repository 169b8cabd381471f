/**
 * Run a CLI entry point: print an error a person can act on (its message, no stack) and exit 1. The AWS SDK's
 * warning about Node.js 20 is turned off here (the Lambdas run on Node.js 24; the warning says nothing about
 * the script's figures), unless the environment asks for it.
 */
export function runCli(main: () => Promise<void>): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().catch((error: unknown) => {
    const err = error as Error;
    process.stderr.write(`\n${err?.name ?? 'Error'}: ${err?.message ?? String(error)}\n`);
    if (process.env.DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    process.exit(1);
  });
}
