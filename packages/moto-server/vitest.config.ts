import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // .ci/run adds up every package's counts from this report (turbo keeps it as the test task's output).
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
