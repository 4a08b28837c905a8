import type { PlaceDualOrderOptions } from '@zepix/plugin-core';
import { expectValidPluginPackage } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { v6Entry } from '@zepix/v6-rules/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as pluginModule from './index.js';
import { V65mPlugin } from './V65mPlugin.js';

let h: PluginHarness<V65mPlugin> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The plugin on the real engine, XAUUSD at the V6 samples' 2030.50. */
async function setup() {
  h = await createPluginHarness(V65mPlugin, { id: 'v6-5m' });
  await h.price('XAUUSD', 2030.5, 2030.51);
  const plugin = h.plugin;
  h.setTrends('XAUUSD', { 15: 1 });
  return { h, plugin };
}

describe('the v6-5m plugin', () => {
  it('is a valid plugin package', () => {
    expectValidPluginPackage({ packageDir: new URL('..', import.meta.url), module: pluginModule });
  });

  it("defaults to the original's values and risk budget", () => {
    expect(V65mPlugin.configSchema.parse({})).toMatchObject({
      timeframe: 5,
      orders: { legs: 'both', a_target: 'tp2', on_leg_failure: 'keep-other' },
      filters: {
        min_adx: 25,
        min_confidence: 70,
        max_spread_pips: null,
        pulse_min_count: null,
        blocked_market_states: [],
        pulse_alignment: [],
        trend_alignment: [15],
      },
      lot_multiplier: 1,
      stop_loss_pips: null,
      take_profit_pips: null,
      break_even_after_tp1_pips: 2,
      max_hold_minutes: null,
    });
    expect(V65mPlugin.riskBudget).toEqual({
      max_lot: 0.2,
      max_open: 4,
      max_trades_per_day: 12,
      daily_loss_usd: 300,
    });
  });

  it('places the right legs, SL, TP and lot multiplier for an entry that passes the filters', async () => {
    const { h, plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry({ timeframe: 5 }));
    expect(result.status).toBe('ok');
    const [order] = h.callsTo('orderExecution', 'placeDualOrder') as PlaceDualOrderOptions[];
    expect(order).toMatchObject({
      legs: 'both',
      orderA: { stopLoss: 2028, takeProfit: 2035 },
      orderB: { stopLoss: 2028, takeProfit: 2032 },
      lotMultiplier: 1,
      lifecycle: { profitChain: false, breakEven: { offsetPips: 2, afterSiblingTp: true } },
    });
  });

  it('refuses with the filter and its reason', async () => {
    const { h, plugin } = await setup();
    h.setTrends('XAUUSD', { 15: -1 });
    const against = await plugin.processEntrySignal(v6Entry({ timeframe: 5 }));
    expect(against).toMatchObject({ status: 'rejected', data: { filter: 'trend_alignment' } });
    h.setTrends('XAUUSD', { 15: 1 });
    const flat = await plugin.processEntrySignal(v6Entry({ timeframe: 5, adx: 24 }));
    expect(flat.message).toContain('ADX 24 (MODERATE) is below filters.min_adx 25');
    expect(h.callsTo('orderExecution', 'placeDualOrder')).toHaveLength(0);
  });

  it('skips an alert of another timeframe with the reason', async () => {
    const { plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry({ timeframe: 15 }));
    expect(result).toMatchObject({ status: 'skipped' });
    expect(result.message).toContain('trades the 5m chart');
  });
});
