import { describe, expect, it } from 'vitest';
import { createTestPlugin } from '@zepix/plugin-core/testing';
import { CombinedV3Plugin } from './CombinedV3Plugin.js';

describe('combined-v3 config', () => {
  it('has the original defaults', async () => {
    const { config } = await createTestPlugin(CombinedV3Plugin);
    expect(config.consensus).toEqual({
      min_score: 5,
      min_score_overrides: [{ signal: 'Institutional_Launchpad', direction: 'buy', min_score: 7 }],
    });
    expect(config.aggressive_reversal).toEqual({
      enabled: true,
      signals: ['Liquidity_Trap_Reversal', 'Golden_Pocket_Flip', 'Screener_Full_Bullish', 'Screener_Full_Bearish'],
      min_consensus: 7,
    });
    expect(config.logics.logic1).toEqual({
      lot_multiplier: 1.25,
      legs: 'both',
      sl_hunt_window_minutes: 30,
      tp_continuation: true,
      exit_continuation: false,
    });
    expect(config.logics.logic2.sl_hunt_window_minutes).toBe(45);
    expect(config.logics.logic3).toMatchObject({
      lot_multiplier: 0.625,
      sl_hunt_window_minutes: 120,
      exit_continuation: true,
    });
    expect(config.lots.consensus_multiplier).toEqual({ min: 0.2, max: 1, max_score: 9 });
    expect(config.require_trend_alignment).toBe(true);
    expect(config.trend_alignment).toEqual({ pillars: [15, 60, 240, 1440], min_agreeing: 3, use_alert_trends: false });
    expect(config.dual_orders).toEqual({ on_leg_failure: 'keep-other', profit_chain_on_b: true });
    expect(config.notifications).toEqual({ tag: '[COMBINED-V3]', squeeze: true });
  });

  it('names every bad path at once', async () => {
    const attempt = createTestPlugin(CombinedV3Plugin, {
      id: 'combined-v3',
      config: {
        consensus: { min_score: 12 },
        logics: { logic2: { legs: 'C', lot_multiplier: -1 } },
        routing: { timeframes: { '15m': 'logic2' } },
        trend_alignment: { pillars: [15, 60], min_agreeing: 3 },
        surprise: 1,
      },
    });
    await expect(attempt).rejects.toThrow(/plugins\.combined-v3\.consensus\.min_score/);
    await expect(attempt).rejects.toThrow(/plugins\.combined-v3\.logics\.logic2\.lot_multiplier/);
    await expect(attempt).rejects.toThrow(/plugins\.combined-v3\.logics\.logic2\.legs/);
    await expect(attempt).rejects.toThrow(/plugins\.combined-v3\.routing\.timeframes\.15m/);
    await expect(attempt).rejects.toThrow(/plugins\.combined-v3\.trend_alignment\.min_agreeing/);
    await expect(attempt).rejects.toThrow(/surprise/);
  });

  it('refuses unknown keys inside sections', async () => {
    await expect(
      createTestPlugin(CombinedV3Plugin, { id: 'combined-v3', config: { lots: { base: 1 } } }),
    ).rejects.toThrow(/plugins\.combined-v3\.lots/);
  });
});
