import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Generous: under `turbo run test` every package's suite runs at once and imports slow down a lot.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // .ci/run adds up every package's counts from this report (turbo keeps it as the test task's output).
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
