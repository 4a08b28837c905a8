import { describe, expect, it } from 'vitest';
import { entryAlert, expectValidPluginPackage, exitAlert, trendAlert } from '@zepix/plugin-core/testing';
import * as pluginModule from './index.js';
import { BEARISH, BULLISH, dualCalls, orderCalls, setup } from './testSupport.js';
import { TrendLogicPlugin } from './TrendLogicPlugin.js';

describe('TrendLogicPlugin', () => {
  it('is a valid Zepix plugin package, enabled by default', () => {
    expectValidPluginPackage({ packageDir: new URL('..', import.meta.url), module: pluginModule });
    expect(TrendLogicPlugin.defaultEnabled).toBe(true);
  });

  it('accepts only legacy alerts', async () => {
    const { plugin } = await setup();
    expect(plugin.validateAlert(entryAlert())).toEqual({ ok: true });
    expect(plugin.validateAlert(entryAlert({ family: 'v3' }))).toEqual({
      ok: false,
      reason: 'trend-logic trades legacy alerts only; this one is v3',
    });
    expect(plugin.validateAlert(exitAlert({ family: 'v6' })).ok).toBe(false);
    expect(plugin.validateAlert(trendAlert())).toEqual({ ok: true });
  });

  describe('routing', () => {
    it.each([
      [5, 'logic1'],
      [15, 'logic2'],
      [60, 'logic3'],
    ])('trades a %im entry with %s', async (timeframe, logic) => {
      const { plugin } = await setup();
      const result = await plugin.processEntrySignal(entryAlert({ timeframe }));
      expect(result).toMatchObject({ status: 'ok', data: { logic } });
    });

    it.each([1, 240, 1440])('rejects a %im entry with the reason', async (timeframe) => {
      const { plugin, h } = await setup();
      const result = await plugin.processEntrySignal(entryAlert({ timeframe }));
      expect(result.status).toBe('rejected');
      expect(result.message).toBe(
        `[TREND-LOGIC] Rejected buy XAUUSD: ${timeframe}m entries have no logic (trend-logic trades 5m, 15m and 60m).`,
      );
      expect(h.calls).toHaveLength(0);
    });
  });

  describe('trend alignment', () => {
    it.each([
      ['logic1', 5, { 15: 1, 60: 1, 1440: -1 }, { 15: 1, 60: -1, 1440: 1 }],
      ['logic2', 15, { 15: 1, 60: 1 }, { 15: -1, 60: 1, 1440: 1 }],
      ['logic3', 60, { 15: -1, 60: 1, 1440: 1 }, { 15: 1, 60: 1, 1440: -1 }],
    ] as const)(
      '%s accepts its aligned trends and rejects the misaligned',
      async (logic, timeframe, aligned, misaligned) => {
        const ok = await setup({}, aligned);
        expect(await ok.plugin.processEntrySignal(entryAlert({ timeframe }))).toMatchObject({
          status: 'ok',
          data: { logic },
        });
        const bad = await setup({}, misaligned);
        const result = await bad.plugin.processEntrySignal(entryAlert({ timeframe }));
        expect(result).toMatchObject({ status: 'rejected', data: { logic, alignment: { aligned: false } } });
        expect(orderCalls(bad.h)).toHaveLength(0);
      },
    );

    it('asks the store for 1H and 15M (logic1/2) or 1D and 1H (logic3), all agreeing', async () => {
      const { plugin, h } = await setup({}, { 15: -1, 60: 1, 1440: 1 });
      const result = await plugin.processEntrySignal(entryAlert({ timeframe: 5 }));
      await plugin.processEntrySignal(entryAlert({ timeframe: 60, direction: 'sell' }));
      expect(h.callsTo('trends', 'checkAlignment')).toEqual([
        { symbol: 'XAUUSD', direction: 'buy', timeframes: [60, 15] },
        { symbol: 'XAUUSD', direction: 'sell', timeframes: [1440, 60] },
      ]);
      expect(result.message).toBe(
        '[TREND-LOGIC] Rejected buy XAUUSD (logic1): the stored trends 60m:1 15m:-1 do not all agree with buy.',
      );
    });

    it('rejects a neutral or missing trend', async () => {
      const { plugin } = await setup({}, { 15: 1, 60: 0 });
      expect((await plugin.processEntrySignal(entryAlert({ timeframe: 15 }))).status).toBe('rejected');
    });
  });

  describe('single order', () => {
    it('computes the XAUUSD SL and TP and sizes with the logic lot multiplier', async () => {
      const { plugin, h } = await setup();
      const alert = entryAlert({ timeframe: 5, price: 2650 });
      const result = await plugin.processEntrySignal(alert);
      expect(h.callsTo('riskManagement', 'calculateLots')).toEqual([
        { symbol: 'XAUUSD', entryPrice: 2650, stopLoss: 2648.5, multiplier: 1.25 },
      ]);
      expect(orderCalls(h)).toEqual([
        {
          alert,
          direction: 'buy',
          leg: 'single',
          lots: 0.06,
          stopLoss: 2648.5,
          takeProfit: 2652.25,
          lifecycle: {
            slHuntWindowMinutes: 30,
            tpContinuation: true,
            exitContinuation: true,
            alignmentTimeframes: [60, 15],
          },
          comment: 'trend-logic logic1',
        },
      ]);
      expect(result).toMatchObject({
        status: 'ok',
        data: { logic: 'logic1', lotMultiplier: 1.25, slMultiplier: 1, slPips: 150, legsOpened: ['single'] },
      });
      expect(result.message).toBe(
        '[TREND-LOGIC] Opened buy XAUUSD via logic1: 0.06 lots at 2650, SL 2648.5 (150 pips), TP 2652.25.',
      );
    });

    it('computes the EURUSD SL for a logic3 sell with the 2.5 SL multiplier and 120-minute window', async () => {
      const { plugin, h } = await setup({}, BEARISH);
      await plugin.processEntrySignal(entryAlert({ symbol: 'EURUSD', timeframe: 60, direction: 'sell', price: 1.085 }));
      expect(orderCalls(h)[0]).toMatchObject({
        direction: 'sell',
        stopLoss: 1.08875,
        takeProfit: 1.07938,
        lifecycle: { slHuntWindowMinutes: 120, alignmentTimeframes: [1440, 60] },
      });
      expect(h.callsTo('riskManagement', 'calculateLots')[0]).toMatchObject({ multiplier: 0.625 });
    });

    it('uses the configured base SL and risk-reward', async () => {
      const config = {
        stop_loss: { symbols: { XAUUSD: 300 } },
        risk_reward: 2,
        logics: { logic2: { sl_multiplier: 1 } },
      };
      const { plugin, h } = await setup(config);
      await plugin.processEntrySignal(entryAlert({ timeframe: 15, price: 2650 }));
      expect(orderCalls(h)[0]).toMatchObject({ stopLoss: 2647, takeProfit: 2656 });
    });

    it('falls back to the live quote when the alert has no price, and rejects without either', async () => {
      const { plugin, h } = await setup();
      await h.price('XAUUSD', 2649.8, 2650.2);
      await plugin.processEntrySignal(entryAlert({ price: undefined }));
      expect(orderCalls(h)[0]).toMatchObject({ stopLoss: 2648.7, takeProfit: 2652.45 });
      // The harness quotes only XAUUSD and EURUSD: GBPUSD has no price anywhere.
      h.setTrends('GBPUSD', BULLISH);
      const result = await plugin.processEntrySignal(entryAlert({ symbol: 'GBPUSD', price: undefined }));
      expect(result.message).toContain('the alert has no price and no quote is available');
    });

    it('rejects a symbol without a base SL or a symbol specification', async () => {
      const { plugin, h } = await setup();
      h.setTrends('US30', BULLISH);
      const result = await plugin.processEntrySignal(entryAlert({ symbol: 'US30' }));
      expect(result.message).toBe(
        '[TREND-LOGIC] Rejected buy US30: it has no base stop-loss; set stop_loss.symbols.US30 in pips.',
      );
      h.setTrends('EURGBP', BULLISH);
      const unknown = await plugin.processEntrySignal(entryAlert({ symbol: 'EURGBP' }));
      expect(unknown.message).toContain('no symbol specification');
      expect(orderCalls(h)).toHaveLength(0);
    });

    it('reports an order the broker refuses as rejected', async () => {
      const { plugin, h } = await setup();
      h.broker.injectFault({ method: 'placeMarketOrder', outcome: 'rejected' });
      const refused = await plugin.processEntrySignal(entryAlert());
      expect(refused).toMatchObject({ status: 'rejected', data: { logic: 'logic1', legsOpened: [] } });
      expect(refused.message).toContain('was not placed: broker "paper" rejected the order');
    });
  });

  it('sends a dual order when orders.mode is dual', async () => {
    const { plugin, h } = await setup({ orders: { mode: 'dual', legs: 'both', on_leg_failure: 'close-other' } });
    const alert = entryAlert({ timeframe: 15, price: 2650 });
    const result = await plugin.processEntrySignal(alert);
    expect(dualCalls(h)).toEqual([
      {
        alert,
        direction: 'buy',
        legs: 'both',
        orderA: { stopLoss: 2647.75, takeProfit: 2653.375 },
        orderB: { takeProfit: 2653.375 },
        lotMultiplier: 1,
        onLegFailure: 'close-other',
        lifecycle: {
          slHuntWindowMinutes: 45,
          tpContinuation: true,
          exitContinuation: true,
          alignmentTimeframes: [60, 15],
          profitChain: true,
        },
      },
    ]);
    expect(orderCalls(h)).toHaveLength(0);
    expect(result).toMatchObject({ status: 'ok', data: { logic: 'logic2', legsOpened: ['A', 'B'] } });
  });
});
