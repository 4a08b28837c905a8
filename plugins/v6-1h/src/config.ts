import type { PluginRiskBudget } from '@zepix/plugin-core';
import { v6ConfigSchema } from '@zepix/v6-rules';
import type { V6Defaults } from '@zepix/v6-rules';

/** The original's 1h swing values (see the README's table); each is a config default. */
export const V6_1H_DEFAULTS: V6Defaults = {
  timeframe: 60,
  tag: '[V6-1H]',
  legs: 'A',
  targetA: 'tp3_or_tp2',
  minAdx: 15,
  minConfidence: 60,
  trendAlignment: [240, 1440],
  lotMultiplier: 1.5,
};

/** The original's limits for this logic, as the plugin's default risk budget (`plugins.v6-1h.risk`). */
export const V6_1H_RISK_BUDGET: PluginRiskBudget = {
  max_lot: 0.3,
  max_open: 2,
  max_trades_per_day: 5,
  daily_loss_usd: 500,
};

/** Every setting of the v6-1h plugin; an empty `plugins.v6-1h` section is valid. */
export const v61hConfigSchema = v6ConfigSchema(V6_1H_DEFAULTS);
