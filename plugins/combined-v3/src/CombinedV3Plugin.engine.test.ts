import { afterEach, describe, expect, it } from 'vitest';
import { entryAlert } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { CombinedV3Plugin } from './CombinedV3Plugin.js';

let h: PluginHarness<CombinedV3Plugin>;
afterEach(async () => {
  await h.close();
});

describe('CombinedV3Plugin on the real trading engine', () => {
  it('opens A at the Pine SL and B at a $10 risk, sized by consensus and logic', async () => {
    h = await createPluginHarness(CombinedV3Plugin, { id: 'combined-v3', balance: 100_000 });
    h.setTrends('XAUUSD', { 15: 1, 60: 1, 240: 1, 1440: 1 });
    const alert = entryAlert({
      family: 'v3',
      signalType: 'Institutional_Launchpad',
      timeframe: 15,
      price: 2650,
      consensusScore: 8,
      levels: { sl: 2648, tp1: 2652, tp2: 2655 },
    });
    const result = await h.plugin.processEntrySignal(alert);
    expect(result.status).toBe('ok');
    const [a, b] = h.trades();
    // $100k tier 0.5 lots × consensus 8 (0.91) × logic2 1.0 → 0.45; B: $10 / (0.45 × $1) = 22.2 pips.
    expect(a).toMatchObject({ leg: 'A', lots: 0.45, stopLoss: 2648, takeProfit: 2655 });
    expect(b).toMatchObject({ leg: 'B', lots: 0.45, stopLoss: 2649.778, takeProfit: 2652 });
  });
});
