import type { PluginRiskBudget } from '@zepix/plugin-core';
import { v6ConfigSchema } from '@zepix/v6-rules';
import type { V6Defaults } from '@zepix/v6-rules';

/** The original's 5m momentum values (see the README's table); each is a config default. */
export const V6_5M_DEFAULTS: V6Defaults = {
  timeframe: 5,
  tag: '[V6-5M]',
  legs: 'both',
  targetA: 'tp2',
  minAdx: 25,
  minConfidence: 70,
  trendAlignment: [15],
  lotMultiplier: 1.0,
  breakEvenAfterTp1Pips: 2,
};

/** The original's limits for this logic, as the plugin's default risk budget (`plugins.v6-5m.risk`). */
export const V6_5M_RISK_BUDGET: PluginRiskBudget = {
  max_lot: 0.2,
  max_open: 4,
  max_trades_per_day: 12,
  daily_loss_usd: 300,
};

/** Every setting of the v6-5m plugin; an empty `plugins.v6-5m` section is valid. */
export const v65mConfigSchema = v6ConfigSchema(V6_5M_DEFAULTS);
