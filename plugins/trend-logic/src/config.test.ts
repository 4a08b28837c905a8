import { describe, expect, it } from 'vitest';
import { createTestPlugin } from '@zepix/plugin-core/testing';
import { TrendLogicPlugin } from './TrendLogicPlugin.js';

describe('trend-logic config', () => {
  it('has the original defaults', async () => {
    const { config } = await createTestPlugin(TrendLogicPlugin);
    expect(config.logics).toEqual({
      logic1: {
        timeframe: 5,
        alignment_timeframes: [60, 15],
        sl_multiplier: 1,
        lot_multiplier: 1.25,
        sl_hunt_window_minutes: 30,
        tp_continuation: true,
        exit_continuation: true,
      },
      logic2: {
        timeframe: 15,
        alignment_timeframes: [60, 15],
        sl_multiplier: 1.5,
        lot_multiplier: 1,
        sl_hunt_window_minutes: 45,
        tp_continuation: true,
        exit_continuation: true,
      },
      logic3: {
        timeframe: 60,
        alignment_timeframes: [1440, 60],
        sl_multiplier: 2.5,
        lot_multiplier: 0.625,
        sl_hunt_window_minutes: 120,
        tp_continuation: true,
        exit_continuation: true,
      },
    });
    // The original's SL table at the $10k tier: XAUUSD 1500 pips, the majors 150, USDJPY 166.
    expect(config.stop_loss).toEqual({ forex_pips: 150, metals_pips: 1500, symbols: { USDJPY: 166 } });
    expect(config.risk_reward).toBe(1.5);
    expect(config.orders).toEqual({
      mode: 'dual',
      legs: 'both',
      on_leg_failure: 'keep-other',
      profit_chain_on_b: true,
    });
    expect(config.close_on_opposite_trend).toBe(true);
    expect(config.notifications.tag).toBe('[TREND-LOGIC]');
  });

  it('names every bad path at once', async () => {
    const attempt = createTestPlugin(TrendLogicPlugin, {
      id: 'trend-logic',
      config: {
        logics: { logic1: { sl_multiplier: 0 }, logic3: { alignment_timeframes: [] } },
        stop_loss: { symbols: { XAUUSD: -5 } },
        risk_reward: 'high',
        orders: { mode: 'triple' },
        extra: true,
      },
    });
    await expect(attempt).rejects.toThrow(/plugins\.trend-logic\.logics\.logic1\.sl_multiplier/);
    await expect(attempt).rejects.toThrow(/plugins\.trend-logic\.logics\.logic3\.alignment_timeframes/);
    await expect(attempt).rejects.toThrow(/plugins\.trend-logic\.stop_loss\.symbols\.XAUUSD/);
    await expect(attempt).rejects.toThrow(/plugins\.trend-logic\.risk_reward/);
    await expect(attempt).rejects.toThrow(/plugins\.trend-logic\.orders\.mode/);
    await expect(attempt).rejects.toThrow(/extra/);
  });

  it('refuses two logics on one timeframe', async () => {
    await expect(
      createTestPlugin(TrendLogicPlugin, { id: 'trend-logic', config: { logics: { logic2: { timeframe: 5 } } } }),
    ).rejects.toThrow(/plugins\.trend-logic\.logics: each logic needs its own timeframe/);
  });
});
