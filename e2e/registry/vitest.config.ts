import { defineConfig } from 'vitest/config';

// One long scenario, step by step; pnpm installs and builds make each step take tens of seconds.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
