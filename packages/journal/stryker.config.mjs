import { strykerConfig } from '../../scripts/stryker-base.mjs';

/** The modules under the mutation floor, each held to 90 % on its own (scripts/test-mutation.mjs checks). */
export const modules = {
  journal: ['src/Journal.ts', 'src/GroupCommitQueue.ts', 'src/bookkeepingMode.ts'],
};

export default strykerConfig({ mutate: Object.values(modules).flat() });
