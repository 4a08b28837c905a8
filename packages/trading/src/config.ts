import { z } from 'zod';

/** One balance tier: from `balance` up, these caps and this fixed lot apply. */
export const RiskTierSchema = z
  .object({
    balance: z.number().nonnegative(),
    daily_loss_cap: z.number().positive(),
    lifetime_loss_cap: z.number().positive(),
    fixed_lot: z.number().positive(),
  })
  .strict();

/** A balance tier as parsed. */
export type RiskTier = z.infer<typeof RiskTierSchema>;

/** The original bot's tiers (DESIGN §6). */
export const DEFAULT_RISK_TIERS: readonly RiskTier[] = [
  { balance: 5_000, daily_loss_cap: 100, lifetime_loss_cap: 500, fixed_lot: 0.01 },
  { balance: 10_000, daily_loss_cap: 200, lifetime_loss_cap: 1_000, fixed_lot: 0.05 },
  { balance: 25_000, daily_loss_cap: 500, lifetime_loss_cap: 2_500, fixed_lot: 0.1 },
  { balance: 50_000, daily_loss_cap: 1_000, lifetime_loss_cap: 5_000, fixed_lot: 0.2 },
  { balance: 100_000, daily_loss_cap: 2_000, lifetime_loss_cap: 10_000, fixed_lot: 0.5 },
];

const riskSchema = z
  .object({
    tiers: z
      .array(RiskTierSchema)
      .min(1)
      .default(() => DEFAULT_RISK_TIERS.map((t) => ({ ...t }))),
    /**
     * Pins the tier (by its `balance`, e.g. 10000) like the original's `default_risk_tier`; null takes the tier of
     * the balance at the last daily reset, fixed for the trading day.
     */
    tier: z.number().nonnegative().nullable().default(null),
    daily_reset_utc: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM in UTC, e.g. "00:00"')
      .default('00:00'),
    loss_basis: z.enum(['gross', 'net']).default('gross'),
    /**
     * Check every order against the caps at the worst case: realized loss + each open position's loss at its SL +
     * the new order's loss at its SL. Orders without a stop-loss are refused while it is on.
     */
    worst_case: z.boolean().default(true),
    max_open_trades_per_plugin: z.number().int().min(1).default(5),
    max_orders_per_minute: z.number().int().min(1).default(10),
    min_rr_ratio: z.number().min(0).default(1),
  })
  .strict();

const lotSizingSchema = z
  .object({
    mode: z.enum(['fixed', 'risk']).default('fixed'),
    risk_per_trade: z.number().gt(0).max(0.1).default(0.01),
    symbol_lots: z.record(z.string(), z.number().positive()).default({}),
    smart_lot: z.boolean().default(true),
  })
  .strict();

const dualOrdersSchema = z
  .object({
    /**
     * How order B's default SL is set: `risk_usd` (the original) turns a fixed dollar risk into a stop distance
     * from B's lots and the symbol's pip value; `pips` uses the fixed pip table below.
     */
    b_sl_mode: z.enum(['risk_usd', 'pips']).default('risk_usd'),
    b_risk_usd: z.number().positive().default(10),
    b_sl_pips: z
      .object({
        fx: z.number().positive().default(15),
        jpy: z.number().positive().default(15),
        metal: z.number().positive().default(150),
      })
      .strict()
      .prefault({}),
    b_sl_pips_by_symbol: z.record(z.string(), z.number().positive()).default({}),
    on_leg_failure: z.enum(['keep-other', 'close-other']).default('keep-other'),
  })
  .strict();

const profitBookingSchema = z
  .object({
    enabled: z.boolean().default(true),
    target_usd: z.number().positive().default(7),
    levels: z.array(z.number().int().min(1)).min(1).default([1, 2, 4, 8, 16]),
    enabled_levels: z.number().int().min(1).default(3),
    strict: z.boolean().default(true),
  })
  .strict();

const reentrySchema = z
  .object({
    max_levels: z.number().int().min(0).default(5),
    sl_tighten_factor: z.number().gt(0).max(1).default(0.7),
    sl_hunt_offset_pips: z.number().min(0).default(1),
    continuation_gap_pips: z.number().min(0).default(2),
    continuation_window_minutes: z.number().positive().default(60),
  })
  .strict();

/** Every trading setting; an empty object is valid and gives the original bot's defaults. */
export const TradingConfigSchema = z
  .object({
    risk: riskSchema.prefault({}),
    lot_sizing: lotSizingSchema.prefault({}),
    dual_orders: dualOrdersSchema.prefault({}),
    profit_booking: profitBookingSchema.prefault({}),
    reentry: reentrySchema.prefault({}),
  })
  .strict();

/** Parsed trading settings. */
export type TradingConfig = z.output<typeof TradingConfigSchema>;

/** Trading settings as written in the config file (every field optional). */
export type TradingConfigInput = z.input<typeof TradingConfigSchema>;
