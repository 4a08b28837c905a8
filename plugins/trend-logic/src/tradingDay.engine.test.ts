import { afterEach, describe, expect, it } from 'vitest';
import type { MtfTrends } from '@zepix/plugin-core';
import { entryAlert, exitAlert, trendAlert } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { TrendLogicPlugin } from './TrendLogicPlugin.js';

let h: PluginHarness<TrendLogicPlugin>;
afterEach(async () => {
  await h.close();
});

const BULL: MtfTrends = { 15: 1, 60: 1, 1440: 1 };
const open = (symbol: string) => h.trades().filter((t) => t.symbol === symbol && t.state === 'open');

/**
 * A realistic trading day through trend-logic with the original's defaults on the $10k tier ($200 daily cap):
 * trends on 15m/1h/1d, entries on 5m/15m/1h across four symbols, a chain climbing to its last enabled level, a
 * worst-case refusal, an SL hunt and its shrunk re-entry, an opposing trend and an exit.
 */
describe('a trading day with the original defaults', () => {
  it('chains, re-entries and the daily cap behave as the README says', async () => {
    h = await createPluginHarness(TrendLogicPlugin, { id: 'trend-logic', now: '2026-03-02T08:00:00.000Z' });
    for (const symbol of ['XAUUSD', 'EURUSD', 'GBPUSD', 'USDJPY']) h.setTrends(symbol, BULL);
    await h.price('GBPUSD', 1.27);
    await h.price('USDJPY', 150);

    // 08:00 XAUUSD 5m buy (logic1: SL 1500 pips, lots 0.05 × 1.25 → 0.06): A and B, B grows a chain.
    expect((await h.plugin.processEntrySignal(entryAlert({ timeframe: 5, price: 2650 }))).status).toBe('ok');
    expect(open('XAUUSD').map((t) => [t.leg, t.lots, t.stopLoss])).toEqual([
      ['A', 0.06, 2635],
      ['B', 0.06, 2648.333],
    ]);

    // The chain books $7 per order and climbs 1 → 2 → 4 orders, then completes at its 3rd (last enabled) level.
    h.advanceMinutes(30);
    await h.price('XAUUSD', 2651.2);
    expect(open('XAUUSD').filter((t) => t.chainLevel === 2)).toHaveLength(2);
    await h.price('XAUUSD', 2652.4);
    expect(open('XAUUSD').filter((t) => t.chainLevel === 3)).toHaveLength(4);
    await h.price('XAUUSD', 2653.6);
    expect((await h.plugin.services.profitBooking.getChains())[0]).toMatchObject({ state: 'completed', level: 3 });

    // 09:00 EURUSD 15m buy: its A would lose $112.50 at its SL; with gold's A ($90) open that passes the $200
    // cap, so only B ($10 at risk) opens.
    h.advanceMinutes(30);
    const partial = await h.plugin.processEntrySignal(entryAlert({ symbol: 'EURUSD', timeframe: 15, price: 1.1 }));
    expect(partial.status).toBe('ok');
    expect(partial.message).toContain('leg A failed');
    expect(partial.message).toContain('(realized $0 + open positions at their SL $90 + this order $112.5)');
    expect(open('EURUSD').map((t) => t.leg)).toEqual(['B']);

    // 10:00 an exit closes gold's buys in profit; the next EURUSD entry fits whole.
    h.advanceMinutes(60);
    await h.plugin.processExitSignal(exitAlert({ closeSide: 'buy', price: 2653.6 }));
    expect(open('XAUUSD')).toEqual([]);
    expect(
      (await h.plugin.processEntrySignal(entryAlert({ symbol: 'EURUSD', timeframe: 15, price: 1.1005 }))).status,
    ).toBe('ok');
    expect(open('EURUSD').map((t) => t.leg)).toEqual(['B', 'A', 'B']);

    // 11:00 a bearish 1h EURUSD trend opposes logic2's buys: closed, with their chain.
    h.advanceMinutes(60);
    h.setTrends('EURUSD', { 60: -1 });
    const opposed = await h.plugin.onInfoSignal(trendAlert({ symbol: 'EURUSD', timeframe: 60, trend: -1 }));
    expect(opposed?.status).toBe('ok');
    expect(open('EURUSD')).toEqual([]);

    // 12:00 GBPUSD 1h buy (logic3: SL 150 × 2.5 pips, lots 0.05 × 0.625 → 0.03); B stops out, price comes back
    // through its SL within logic3's 120 minutes: the re-entry goes through smart lot.
    h.advanceMinutes(60);
    expect(
      (await h.plugin.processEntrySignal(entryAlert({ symbol: 'GBPUSD', timeframe: 60, price: 1.27 }))).status,
    ).toBe('ok');
    const b = open('GBPUSD').find((t) => t.leg === 'B')!;
    await h.price('GBPUSD', b.stopLoss! - 0.0001);
    h.advanceMinutes(10);
    await h.price('GBPUSD', b.stopLoss! + 0.0002);
    const reentry = open('GBPUSD').find((t) => t.origin === 'reentry');
    expect(reentry).toMatchObject({ leg: 'reentry-1', reentryLevel: 1 });
    expect(reentry!.lots).toBeLessThanOrEqual(b.lots);

    // Whatever happens next, the day cannot lose more than the cap: every open position at its SL fits.
    const risk = h.engine.riskState();
    expect(risk.dailyLossCap).toBe(200);
    expect(risk.dailyRealizedLoss).toBeLessThan(200);
    // Every open position stops out at its SL, highest first (the paper fill is the SL without slippage).
    const stops = h.trades().filter((t) => t.state === 'open');
    stops.sort((x, y) => y.stopLoss! - x.stopLoss!);
    for (const t of stops) await h.price(t.symbol, t.stopLoss!);
    expect(h.trades().filter((t) => t.state === 'open')).toEqual([]);
    expect(h.engine.riskState().dailyRealizedLoss).toBeLessThanOrEqual(200);
  });
});
