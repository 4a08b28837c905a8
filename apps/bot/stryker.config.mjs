import { strykerConfig } from '../../scripts/stryker-base.mjs';

/** The modules under the mutation floor, each held to 90 % on its own (scripts/test-mutation.mjs checks). */
export const modules = {
  intake: ['src/intake/*.ts', '!src/intake/*.test.ts'],
};

export default {
  ...strykerConfig({ mutate: Object.values(modules).flat() }),
  // The unit tests only: the end-to-end suites start whole bots and browsers and killed no extra intake mutant.
  vitest: { configFile: 'vitest.mutation.config.ts' },
};
