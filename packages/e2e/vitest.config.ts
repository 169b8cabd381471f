import { defineConfig } from 'vitest/config';

// The SDK's notice about future Node.js versions would repeat in every worker; it says nothing about the run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Fault injection (scenario 7) arms the next invocation of a function whatever execution makes it,
    // so scenario files run one after the other against the shared stack.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // .ci/run adds up every package's counts from this report (turbo keeps it as the test task's output).
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
