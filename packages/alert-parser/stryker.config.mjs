import { strykerConfig } from '../../scripts/stryker-base.mjs';

/**
 * The modules under the mutation floor, each held to 90 % on its own (scripts/test-mutation.mjs checks). Together
 * they are every file of the parser; index.ts only re-exports.
 */
export const modules = {
  'alert parser: field, number and issue checks': ['src/fields.ts', 'src/numbers.ts', 'src/issues.ts'],
  'alert parser: legacy': ['src/legacy.ts'],
  'alert parser: V3': ['src/v3.ts', 'src/v3Pulse.ts', 'src/mtfTrends.ts'],
  'alert parser: V6': ['src/v6.ts', 'src/v6Common.ts', 'src/v6Entries.ts', 'src/v6Info.ts'],
  'alert parser: decoding and symbols': [
    'src/parseAlert.ts',
    'src/result.ts',
    'src/decodeBody.ts',
    'src/placeholders.ts',
    'src/symbols.ts',
    'src/timeframes.ts',
  ],
};

export default strykerConfig({ mutate: Object.values(modules).flat() });
