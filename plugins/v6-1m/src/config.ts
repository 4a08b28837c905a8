import type { PluginRiskBudget } from '@zepix/plugin-core';
import { v6ConfigSchema } from '@zepix/v6-rules';
import type { V6Defaults } from '@zepix/v6-rules';

/** The original's 1m scalping values (see the README's table); each is a config default. */
export const V6_1M_DEFAULTS: V6Defaults = {
  timeframe: 1,
  tag: '[V6-1M]',
  legs: 'B',
  targetA: 'tp2',
  minAdx: 20,
  minConfidence: 80,
  maxSpreadPips: 2,
  pulseMinCount: 3,
  lotMultiplier: 0.5,
  stopLossPips: 15,
  takeProfitPips: 10,
  maxHoldMinutes: 15,
};

/** The original's limits for this logic, as the plugin's default risk budget (`plugins.v6-1m.risk`). */
export const V6_1M_RISK_BUDGET: PluginRiskBudget = {
  max_lot: 0.1,
  max_open: 3,
  max_trades_per_day: 20,
  daily_loss_usd: 200,
};

/** Every setting of the v6-1m plugin; an empty `plugins.v6-1m` section is valid. */
export const v61mConfigSchema = v6ConfigSchema(V6_1M_DEFAULTS);
