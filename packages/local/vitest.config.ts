import { defineConfig } from 'vitest/config';

export default defineConfig({
  // A test that starts a stack (or two) waits for moto to boot: tens of seconds on a loaded 2-core machine.
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // .ci/run adds up every package's counts from this report (turbo keeps it as the test task's output).
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
