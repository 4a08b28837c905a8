import type { PlaceDualOrderOptions } from '@zepix/plugin-core';
import { expectValidPluginPackage } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { v6Entry, v6Pulse } from '@zepix/v6-rules/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as pluginModule from './index.js';
import { V615mPlugin } from './V615mPlugin.js';

let h: PluginHarness<V615mPlugin> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The plugin on the real engine, XAUUSD at the V6 samples' 2030.50. */
async function setup() {
  h = await createPluginHarness(V615mPlugin, { id: 'v6-15m' });
  await h.price('XAUUSD', 2030.5, 2030.51);
  const plugin = h.plugin;
  for (const timeframe of [5, 15, 60]) await plugin.onInfoSignal(v6Pulse(5, 1, timeframe));
  return { h, plugin };
}

describe('the v6-15m plugin', () => {
  it('is a valid plugin package', () => {
    expectValidPluginPackage({ packageDir: new URL('..', import.meta.url), module: pluginModule });
  });

  it("defaults to the original's values and risk budget", () => {
    expect(V615mPlugin.configSchema.parse({})).toMatchObject({
      timeframe: 15,
      orders: { legs: 'A', a_target: 'tp2', on_leg_failure: 'keep-other' },
      filters: {
        min_adx: 22,
        min_confidence: 65,
        max_spread_pips: null,
        pulse_min_count: null,
        blocked_market_states: ['SIDEWAYS'],
        pulse_alignment: [5, 15, 60],
        trend_alignment: [],
      },
      lot_multiplier: 1.25,
      stop_loss_pips: null,
      take_profit_pips: null,
      break_even_after_tp1_pips: null,
      max_hold_minutes: null,
    });
    expect(V615mPlugin.riskBudget).toEqual({ max_lot: 0.25, max_open: 3, max_trades_per_day: 8, daily_loss_usd: 400 });
  });

  it('places the right legs, SL, TP and lot multiplier for an entry that passes the filters', async () => {
    const { h, plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry({ timeframe: 15 }));
    expect(result.status).toBe('ok');
    const [order] = h.callsTo('orderExecution', 'placeDualOrder') as PlaceDualOrderOptions[];
    expect(order).toMatchObject({
      legs: 'A',
      orderA: { stopLoss: 2028, takeProfit: 2035 },
      lotMultiplier: 1.25,
      lifecycle: { profitChain: false },
    });
  });

  it('refuses with the filter and its reason', async () => {
    const { h, plugin } = await setup();
    await plugin.onInfoSignal(v6Pulse(3, 3, 15));
    const sideways = await plugin.processEntrySignal(v6Entry({ timeframe: 15 }));
    expect(sideways).toMatchObject({ status: 'rejected', data: { filter: 'market_state' } });
    await plugin.onInfoSignal(v6Pulse(1, 5, 60));
    const against = await plugin.processEntrySignal(v6Entry({ timeframe: 15 }));
    expect(against.message).toContain('the 15m trend pulse (3 bullish/3 bearish) does not favour a buy');
    expect(h.callsTo('orderExecution', 'placeDualOrder')).toHaveLength(0);
  });

  it('skips an alert of another timeframe with the reason', async () => {
    const { plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry({ timeframe: 5 }));
    expect(result).toMatchObject({ status: 'skipped' });
    expect(result.message).toContain('trades the 15m chart');
  });
});
