import { afterEach, describe, expect, it } from 'vitest';
import { entryAlert, exitAlert } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { TrendLogicPlugin } from './TrendLogicPlugin.js';

let h: PluginHarness<TrendLogicPlugin>;
afterEach(async () => {
  await h.close();
});

describe('TrendLogicPlugin on the real trading engine', () => {
  it("opens the original's dual order: A from the SL table, B sized to a $10 risk", async () => {
    h = await createPluginHarness(TrendLogicPlugin, { id: 'trend-logic' });
    h.setTrends('XAUUSD', { 15: 1, 60: 1 });
    const result = await h.plugin.processEntrySignal(entryAlert({ timeframe: 15, price: 2650 }));
    expect(result.status).toBe('ok');
    const [a, b] = h.trades();
    // $10k tier 0.05 lots; A 1500 × 1.5 pips below; B $10 / (0.05 × $1) = 200 pips below.
    expect(a).toMatchObject({ leg: 'A', lots: 0.05, stopLoss: 2627.5, takeProfit: 2683.75, state: 'open' });
    expect(b).toMatchObject({ leg: 'B', lots: 0.05, stopLoss: 2648, chainLevel: 1, state: 'open' });
  });

  it('an exit of the other side leaves the chain running; the chain books and climbs', async () => {
    h = await createPluginHarness(TrendLogicPlugin, { id: 'trend-logic' });
    h.setTrends('XAUUSD', { 15: 1, 60: 1 });
    await h.plugin.processEntrySignal(entryAlert({ timeframe: 15, price: 2650 }));
    await h.plugin.processExitSignal(exitAlert({ closeSide: 'sell' }));
    await h.price('XAUUSD', 2651.5); // B is up $7.50: booked, level 2 opens two orders
    expect(h.trades().filter((t) => t.chainLevel === 2 && t.state === 'open')).toHaveLength(2);
  });
});
