/** Run a CLI entry point: print an error a person can act on (its message, no stack) and exit 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const err = error as Error;
    process.stderr.write(`\n${err?.name ?? 'Error'}: ${err?.message ?? String(error)}\n`);
    if (process.env.DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    process.exit(1);
  });
}
