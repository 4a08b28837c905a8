import type { PluginRiskBudget } from '@zepix/plugin-core';
import { v6ConfigSchema } from '@zepix/v6-rules';
import type { V6Defaults } from '@zepix/v6-rules';

/** The original's 15m intraday values (see the README's table); each is a config default. */
export const V6_15M_DEFAULTS: V6Defaults = {
  timeframe: 15,
  tag: '[V6-15M]',
  legs: 'A',
  targetA: 'tp2',
  minAdx: 22,
  minConfidence: 65,
  blockedMarketStates: ['SIDEWAYS'],
  pulseAlignment: [5, 15, 60],
  lotMultiplier: 1.25,
};

/** The original's limits for this logic, as the plugin's default risk budget (`plugins.v6-15m.risk`). */
export const V6_15M_RISK_BUDGET: PluginRiskBudget = {
  max_lot: 0.25,
  max_open: 3,
  max_trades_per_day: 8,
  daily_loss_usd: 400,
};

/** Every setting of the v6-15m plugin; an empty `plugins.v6-15m` section is valid. */
export const v615mConfigSchema = v6ConfigSchema(V6_15M_DEFAULTS);
