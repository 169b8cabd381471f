import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // Each moto-backed file starts its own server; keep the Python processes to a few at a time.
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // .ci/run adds up every package's counts from this report (turbo keeps it as the test task's output).
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
