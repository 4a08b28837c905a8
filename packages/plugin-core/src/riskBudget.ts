import { z } from 'zod';

/**
 * A plugin's own risk allowance, counted on top of the account caps so one plugin can never spend another's.
 * Every field is optional: an absent field means "no limit of this kind beyond the account's".
 */
export const PluginRiskBudgetSchema = z
  .object({
    /** Realized plus open loss of this plugin's positions since the daily reset, in the account currency. */
    daily_loss_usd: z.number().positive().optional(),
    /** Positions of this plugin open (or being placed) at once. */
    max_open: z.number().int().min(1).optional(),
    /** Alert orders this plugin may place per trading day (chain orders and re-entries do not count). */
    max_trades_per_day: z.number().int().min(1).optional(),
    /** The largest size of one order; bigger sizes are cut down to it. */
    max_lot: z.number().positive().optional(),
    /**
     * The minimum reward:risk of this plugin's orders that carry both SL and TP, in place of the account's
     * `trading.risk.min_rr_ratio`: a scalper whose design is TP 10 / SL 15 pips can trade at 0.67 while every
     * other plugin keeps the account's floor. Only the operator sets it (`plugins.<id>.risk`); a class's static
     * `riskBudget` cannot, so no plugin relaxes the account's rule by itself.
     */
    min_rr_ratio: z.number().min(0).optional(),
  })
  .strict();

/** A plugin's risk budget: `plugins.<id>.risk` over the class's `riskBudget` defaults. */
export type PluginRiskBudget = z.infer<typeof PluginRiskBudgetSchema>;
