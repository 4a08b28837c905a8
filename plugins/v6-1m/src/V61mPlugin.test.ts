import type { PlaceDualOrderOptions } from '@zepix/plugin-core';
import { expectValidPluginPackage } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { v6Entry, v6Pulse } from '@zepix/v6-rules/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as pluginModule from './index.js';
import { V61mPlugin } from './V61mPlugin.js';

let h: PluginHarness<V61mPlugin> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * The plugin on the real engine, XAUUSD at the V6 samples' 2030.50. The sample's scalp (TP1 0.10 away, SL 0.15)
 * is below the engine's default reward:risk floor of 1, so the floor is lowered here.
 */
async function setup() {
  // Its design's reward:risk (0.67) needs the operator's per-plugin floor, as its README says.
  h = await createPluginHarness(V61mPlugin, { id: 'v6-1m', config: { risk: { min_rr_ratio: 0.5 } } });
  await h.price('XAUUSD', 2030.5, 2030.51);
  const plugin = h.plugin;
  await h.price('XAUUSD', 2030.5, 2030.51);
  await plugin.onInfoSignal(v6Pulse(4, 1, 1));
  return { h, plugin };
}

describe('the v6-1m plugin', () => {
  it('is a valid plugin package', () => {
    expectValidPluginPackage({ packageDir: new URL('..', import.meta.url), module: pluginModule });
  });

  it("defaults to the original's values and risk budget", () => {
    expect(V61mPlugin.configSchema.parse({})).toMatchObject({
      timeframe: 1,
      orders: { legs: 'B', a_target: 'tp2', on_leg_failure: 'keep-other' },
      filters: {
        min_adx: 20,
        min_confidence: 80,
        max_spread_pips: 2,
        pulse_min_count: 3,
        blocked_market_states: [],
        pulse_alignment: [],
        trend_alignment: [],
      },
      lot_multiplier: 0.5,
      stop_loss_pips: 15,
      take_profit_pips: 10,
      break_even_after_tp1_pips: null,
      max_hold_minutes: 15,
      symbols: ['XAUUSD'],
    });
    expect(V61mPlugin.riskBudget).toEqual({
      max_lot: 0.1,
      max_open: 3,
      max_trades_per_day: 20,
      daily_loss_usd: 200,
    });
  });

  it('places the right legs, SL, TP and lot multiplier for an entry that passes the filters', async () => {
    const { h, plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry({ timeframe: 1 }));
    expect(result.status).toBe('ok');
    const [order] = h.callsTo('orderExecution', 'placeDualOrder') as PlaceDualOrderOptions[];
    expect(order).toMatchObject({
      legs: 'B',
      orderB: { stopLoss: 2030.35, takeProfit: 2030.6 },
      lotMultiplier: 0.5,
      lifecycle: { profitChain: false, maxHoldMinutes: 15 },
    });
  });

  it('refuses with the filter and its reason', async () => {
    const { h, plugin } = await setup();
    await h.price('XAUUSD', 2030.5, 2030.55);
    const wide = await plugin.processEntrySignal(v6Entry({ timeframe: 1 }));
    expect(wide).toMatchObject({ status: 'rejected', data: { filter: 'spread' } });
    await h.price('XAUUSD', 2030.5, 2030.51);
    const weak = await plugin.processEntrySignal(v6Entry({ timeframe: 1, score: 79 }));
    expect(weak.message).toContain('confidence 79 (MODERATE) is below filters.min_confidence 80');
    expect(h.callsTo('orderExecution', 'placeDualOrder')).toHaveLength(0);
  });

  it('skips an alert of another timeframe with the reason', async () => {
    const { plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry({ timeframe: 5 }));
    expect(result).toMatchObject({ status: 'skipped' });
    expect(result.message).toContain('trades the 1m chart');
  });
});
