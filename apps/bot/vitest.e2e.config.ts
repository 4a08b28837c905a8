import { defineConfig } from 'vitest/config';

// The end-to-end suites: real servers on 127.0.0.1, child processes, the built CLI (`pnpm test:e2e`).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
