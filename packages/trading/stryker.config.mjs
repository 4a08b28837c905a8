import { strykerConfig } from '../../scripts/stryker-base.mjs';

/** The modules under the mutation floor, each held to 90 % on its own (scripts/test-mutation.mjs checks). */
export const modules = {
  'risk gate': ['src/RiskGate.ts', 'src/entryLevels.ts', 'src/CloseTotals.ts'],
  'lot sizer': ['src/LotSizer.ts'],
  're-entry rules': ['src/reentryRules.ts'],
  'order path and reconciliation': ['src/OrderPath.ts', 'src/orderExecution.ts', 'src/reconcile.ts'],
  'profit chains': ['src/ProfitChains.ts'],
};

export default strykerConfig({ mutate: Object.values(modules).flat() });
