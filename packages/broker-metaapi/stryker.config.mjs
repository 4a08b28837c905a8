import { strykerConfig } from '../../scripts/stryker-base.mjs';

/** The modules under the mutation floor, each held to 90 % on its own (scripts/test-mutation.mjs checks). */
export const modules = {
  'deal, volume and return-code mapping': ['src/mapping.ts', 'src/sizing.ts', 'src/tradeCodes.ts'],
};

export default strykerConfig({ mutate: Object.values(modules).flat() });
