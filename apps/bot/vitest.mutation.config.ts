import { defineConfig } from 'vitest/config';

// What `pnpm test:mutation` runs against each mutant of the intake: the unit tests beside the code.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'] },
});
