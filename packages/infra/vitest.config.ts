import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Until the workflow module lands, the program's `./workflow/index.js` resolves to a test stand-in.
const workflowLanded = fs.existsSync(fileURLToPath(new URL('./src/workflow/index.ts', import.meta.url)));
const standIn = fileURLToPath(new URL('./tests/support/workflow-stand-in.ts', import.meta.url));

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
  resolve: {
    alias: workflowLanded ? [] : [{ find: /^(\.\.\/src|\.)\/workflow\/index\.js$/, replacement: standIn }],
  },
});
