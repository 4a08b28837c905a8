import { describe, expect, it } from 'vitest';
import { TradingConfigSchema } from './config.js';

describe('TradingConfigSchema', () => {
  it('fills every default from an empty object', () => {
    const config = TradingConfigSchema.parse({});
    expect(config.risk).toMatchObject({
      tier: null,
      daily_reset_utc: '00:00',
      loss_basis: 'gross',
      worst_case: true,
      max_open_trades_per_plugin: 5,
      max_orders_per_minute: 10,
      min_rr_ratio: 1,
    });
    expect(config.risk.tiers.map((t) => [t.balance, t.daily_loss_cap, t.lifetime_loss_cap, t.fixed_lot])).toEqual([
      [5_000, 100, 500, 0.01],
      [10_000, 200, 1_000, 0.05],
      [25_000, 500, 2_500, 0.1],
      [50_000, 1_000, 5_000, 0.2],
      [100_000, 2_000, 10_000, 0.5],
    ]);
    expect(config.lot_sizing).toEqual({ mode: 'fixed', risk_per_trade: 0.01, symbol_lots: {}, smart_lot: true });
    expect(config.dual_orders).toEqual({
      b_sl_mode: 'risk_usd',
      b_risk_usd: 10,
      b_sl_pips: { fx: 15, jpy: 15, metal: 150 },
      b_sl_pips_by_symbol: {},
      on_leg_failure: 'keep-other',
    });
    expect(config.profit_booking).toEqual({
      enabled: true,
      target_usd: 7,
      levels: [1, 2, 4, 8, 16],
      enabled_levels: 3,
      strict: true,
    });
    expect(config.reentry).toEqual({
      max_levels: 5,
      sl_tighten_factor: 0.7,
      sl_hunt_offset_pips: 1,
      continuation_gap_pips: 2,
      continuation_window_minutes: 60,
    });
  });

  it('rejects unknown keys and malformed values with their paths', () => {
    const result = TradingConfigSchema.safeParse({ risk: { daily_reset_utc: '24:00', max_orders: 3 }, extra: true });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.') || i.message);
    expect(paths).toEqual(expect.arrayContaining(['risk.daily_reset_utc']));
    expect(JSON.stringify(result.error?.issues)).toContain('max_orders');
    expect(JSON.stringify(result.error?.issues)).toContain('extra');
  });
});
