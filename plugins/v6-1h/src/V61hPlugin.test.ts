import type { PlaceDualOrderOptions } from '@zepix/plugin-core';
import { expectValidPluginPackage } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { v6Entry } from '@zepix/v6-rules/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as pluginModule from './index.js';
import { V61hPlugin } from './V61hPlugin.js';

let h: PluginHarness<V61hPlugin> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The plugin on the real engine, XAUUSD at the V6 samples' 2030.50. */
async function setup() {
  h = await createPluginHarness(V61hPlugin, { id: 'v6-1h' });
  await h.price('XAUUSD', 2030.5, 2030.51);
  const plugin = h.plugin;
  h.setTrends('XAUUSD', { 240: 1, 1440: 1 });
  return { h, plugin };
}

describe('the v6-1h plugin', () => {
  it('is a valid plugin package', () => {
    expectValidPluginPackage({ packageDir: new URL('..', import.meta.url), module: pluginModule });
  });

  it("defaults to the original's values and risk budget", () => {
    expect(V61hPlugin.configSchema.parse({})).toMatchObject({
      timeframe: 60,
      orders: { legs: 'A', a_target: 'tp3_or_tp2', on_leg_failure: 'keep-other' },
      filters: {
        min_adx: 15,
        min_confidence: 60,
        max_spread_pips: null,
        pulse_min_count: null,
        blocked_market_states: [],
        pulse_alignment: [],
        trend_alignment: [240, 1440],
      },
      lot_multiplier: 1.5,
      stop_loss_pips: null,
      take_profit_pips: null,
      break_even_after_tp1_pips: null,
      max_hold_minutes: null,
    });
    expect(V61hPlugin.riskBudget).toEqual({ max_lot: 0.3, max_open: 2, max_trades_per_day: 5, daily_loss_usd: 500 });
  });

  it('places the right legs, SL, TP and lot multiplier for an entry that passes the filters', async () => {
    const { h, plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry({ timeframe: 60, tp3: 2038 }));
    expect(result.status).toBe('ok');
    const [order] = h.callsTo('orderExecution', 'placeDualOrder') as PlaceDualOrderOptions[];
    expect(order).toMatchObject({
      legs: 'A',
      orderA: { stopLoss: 2028, takeProfit: 2038 },
      lotMultiplier: 1.5,
      lifecycle: { profitChain: false },
    });
  });

  it('refuses with the filter and its reason', async () => {
    const { h, plugin } = await setup();
    h.setTrends('XAUUSD', { 240: 1, 1440: -1 });
    const against = await plugin.processEntrySignal(v6Entry({ timeframe: 60, tp3: 2038 }));
    expect(against).toMatchObject({ status: 'rejected', data: { filter: 'trend_alignment' } });
    h.setTrends('XAUUSD', { 240: 1, 1440: 1 });
    const unsure = await plugin.processEntrySignal(v6Entry({ timeframe: 60, score: 59 }));
    expect(unsure.message).toContain('confidence 59 (LOW) is below filters.min_confidence 60');
    expect(h.callsTo('orderExecution', 'placeDualOrder')).toHaveLength(0);
  });

  it('skips an alert of another timeframe with the reason', async () => {
    const { plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry({ timeframe: 5 }));
    expect(result).toMatchObject({ status: 'skipped' });
    expect(result.message).toContain('trades the 60m chart');
  });
});
