import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The property tests run 600 cases each; on a loaded 2-core CI machine that can pass vitest's 5 s default.
  test: { include: ['src/**/*.test.ts'], testTimeout: 60_000 },
});
