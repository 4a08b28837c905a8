// The settings every package's stryker.config.mjs shares: the vitest runner (named by path, since pnpm does not hoist
// it where Stryker looks), incremental results committed beside the package, and the 90 % floor.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @param {{ mutate: string[] }} options the package's files to mutate */
export function strykerConfig({ mutate }) {
  return {
    $schema: 'https://raw.githubusercontent.com/stryker-mutator/stryker/master/packages/api/schema/stryker-core.json',
    testRunner: 'vitest',
    plugins: [require.resolve('@stryker-mutator/vitest-runner')],
    mutate,
    coverageAnalysis: 'perTest',
    // Committed, so a rerun (and CI) only tests the mutants whose code or tests changed.
    incremental: true,
    incrementalFile: 'reports/stryker-incremental.json',
    thresholds: { high: 95, low: 90, break: 90 },
    // One test process: the machines this runs on are small and shared; STRYKER_CONCURRENCY raises it.
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
    // The per-module floor is read from the incremental report, so no other report file is written.
    reporters: ['clear-text', 'progress'],
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    timeoutMS: 10_000,
  };
}
