import { defineConfig } from 'vitest/config';

// Unit tests only (`pnpm test`); the end-to-end suites in test/e2e run as `pnpm test:e2e` (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
