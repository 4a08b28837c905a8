import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Lost-answer cases wait out the adapter's request timeout (3 s) on top of their own work.
  test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});
