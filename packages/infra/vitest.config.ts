import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Generous: under `turbo run test` every package's suite runs at once and imports slow down a lot.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
