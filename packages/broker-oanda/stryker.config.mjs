import { strykerConfig } from '../../scripts/stryker-base.mjs';

/** The modules under the mutation floor, each held to 90 % on its own (scripts/test-mutation.mjs checks). */
export const modules = {
  'symbol, units and price mapping': ['src/InstrumentBook.ts', 'src/translate.ts'],
};

export default strykerConfig({ mutate: Object.values(modules).flat() });
