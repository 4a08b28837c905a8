import { describe, expect, it } from 'vitest';
import { entryAlert, exitAlert, reversalAlert, squeezeAlert, trendAlert } from '@zepix/plugin-core/testing';
import { BEARISH, BULLISH, methods, orderCalls, setup } from './testSupport.js';

describe('TrendLogicPlugin exits, reversals and trend alerts', () => {
  describe('exits', () => {
    it('a bull exit closes only sells, after stopping chains and monitors', async () => {
      const { plugin, h } = await setup();
      await plugin.processEntrySignal(entryAlert({ direction: 'buy' }));
      h.setTrends('XAUUSD', BEARISH);
      await plugin.processEntrySignal(entryAlert({ direction: 'sell' }));
      const result = await plugin.processExitSignal(exitAlert({ closeSide: 'sell' }));
      expect(h.openTrades().map((p) => p.direction)).toEqual(['buy']);
      expect(methods(h).slice(-3)).toEqual([
        'profitBooking.stopChains',
        'reentry.cancelMonitors',
        'orderExecution.closePositions',
      ]);
      expect(h.callsTo('orderExecution', 'closePositions')).toEqual([
        { symbol: 'XAUUSD', direction: 'sell', reason: 'exit alert' },
      ]);
      expect(result).toMatchObject({ status: 'ok', data: { side: 'sell', closed: ['2'] } });
      expect(result.message).toBe(
        '[TREND-LOGIC] Exit: closed 1 sell position on XAUUSD, stopped 0 profit chain(s) and cancelled 0 re-entry monitor(s).',
      );
    });

    it('a bear exit closes only buys, and only on its symbol', async () => {
      const { plugin, h } = await setup();
      await plugin.processEntrySignal(entryAlert({ direction: 'buy' }));
      await h.price('EURUSD', 1.085);
      await plugin.processEntrySignal(entryAlert({ symbol: 'EURUSD', direction: 'buy', price: 1.085 }));
      await plugin.processExitSignal(exitAlert({ closeSide: 'buy' }));
      expect(h.openTrades().map((p) => p.symbol)).toEqual(['EURUSD']);
    });
  });

  describe('reversal', () => {
    it('closes the opposite side, then enters when the trends agree', async () => {
      const { plugin, h } = await setup();
      await plugin.processEntrySignal(entryAlert({ direction: 'buy' }));
      h.setTrends('XAUUSD', BEARISH);
      const result = await plugin.processReversalSignal(reversalAlert({ direction: 'sell', price: 2650 }));
      const order = methods(h);
      expect(order.lastIndexOf('orderExecution.closePositions')).toBeLessThan(
        order.lastIndexOf('orderExecution.placeOrder'),
      );
      expect(orderCalls(h)[1]).toMatchObject({ direction: 'sell', stopLoss: 2651.5, takeProfit: 2647.75 });
      expect(h.openTrades().map((p) => p.direction)).toEqual(['sell']);
      expect(result).toMatchObject({
        status: 'ok',
        data: { logic: 'logic1', closedOpposite: ['1'], entryStatus: 'ok' },
      });
      expect(result.message).toBe(
        '[TREND-LOGIC] Reversal to sell: closed 1 buy position on XAUUSD; opened sell XAUUSD via logic1: 0.06 lots at 2650, SL 2651.5 (150 pips), TP 2647.75.',
      );
    });

    it('still closes when the trends refuse the new entry', async () => {
      const { plugin, h } = await setup();
      await plugin.processEntrySignal(entryAlert({ direction: 'buy' }));
      const result = await plugin.processReversalSignal(reversalAlert({ direction: 'sell' }));
      expect(h.openTrades()).toHaveLength(0);
      expect(orderCalls(h)).toHaveLength(1);
      expect(result).toMatchObject({ status: 'ok', data: { entryStatus: 'rejected', closedOpposite: ['1'] } });
      expect(result.message).toContain(
        '; rejected sell XAUUSD (logic1): the stored trends 60m:1 15m:1 do not all agree',
      );
    });
  });

  describe('opposing trend alerts', () => {
    /** Opens a logic1 (5m) buy and a logic3 (1h) buy on XAUUSD. */
    async function withBuys(config: Record<string, unknown> = {}) {
      const ctx = await setup(config, BULLISH);
      await ctx.plugin.processEntrySignal(entryAlert({ timeframe: 5 }));
      await ctx.plugin.processEntrySignal(entryAlert({ timeframe: 60 }));
      expect(ctx.h.openTrades()).toHaveLength(2);
      return ctx;
    }

    it('a bearish 1h trend feeds every logic and closes the buys', async () => {
      const { plugin, h } = await withBuys();
      const result = await plugin.onInfoSignal(trendAlert({ timeframe: 60, trend: -1 }));
      expect(h.callsTo('orderExecution', 'closePositions')).toEqual([
        { symbol: 'XAUUSD', direction: 'buy', reason: 'opposing 60m bearish trend on XAUUSD' },
      ]);
      expect(h.openTrades()).toHaveLength(0);
      expect(result).toMatchObject({
        status: 'ok',
        data: { side: 'buy', affectedLogics: ['logic1', 'logic2', 'logic3'] },
      });
      expect(result?.message).toBe(
        '[TREND-LOGIC] The 60m bearish trend on XAUUSD opposes logic1/logic2/logic3: closed 2 buy positions.',
      );
    });

    it('a bearish 1d trend closes when a logic3 position is open, and not for logic1 alone', async () => {
      const both = await withBuys();
      expect((await both.plugin.onInfoSignal(trendAlert({ timeframe: 1440, trend: -1 })))?.status).toBe('ok');
      const logic1Only = await setup();
      await logic1Only.plugin.processEntrySignal(entryAlert({ timeframe: 5 }));
      const result = await logic1Only.plugin.onInfoSignal(trendAlert({ timeframe: 1440, trend: -1 }));
      expect(result).toMatchObject({ status: 'skipped' });
      expect(result?.message).toBe(
        '[TREND-LOGIC] The 1440m bearish trend on XAUUSD opposes no buy position of logic3.',
      );
      expect(logic1Only.h.openTrades()).toHaveLength(1);
    });

    it('a bearish 15m trend leaves logic3 positions alone', async () => {
      const { plugin, h } = await setup();
      await plugin.processEntrySignal(entryAlert({ timeframe: 60 }));
      expect((await plugin.onInfoSignal(trendAlert({ timeframe: 15, trend: -1 })))?.status).toBe('skipped');
      expect(h.callsTo('orderExecution', 'closePositions')).toHaveLength(0);
    });

    it('ignores agreeing, neutral and 5m trends, bias alerts and squeezes', async () => {
      const { plugin, h } = await withBuys();
      expect((await plugin.onInfoSignal(trendAlert({ timeframe: 60, trend: 1 })))?.status).toBe('skipped');
      expect((await plugin.onInfoSignal(trendAlert({ timeframe: 60, trend: 0 })))?.status).toBe('skipped');
      const fiveMinute = await plugin.onInfoSignal(trendAlert({ timeframe: 5, trend: -1 }));
      expect(fiveMinute?.message).toBe(
        "[TREND-LOGIC] The 5m bearish trend on XAUUSD feeds no logic's alignment, so it closes nothing.",
      );
      expect(await plugin.onInfoSignal(trendAlert({ kind: 'bias', timeframe: 60, trend: -1 }))).toBeUndefined();
      expect(await plugin.onInfoSignal(squeezeAlert({ family: 'legacy' }))).toBeUndefined();
      expect(h.openTrades()).toHaveLength(2);
    });

    it('treats positions it has no record of as affected', async () => {
      const { plugin, h } = await setup();
      await h.services.orderExecution.placeOrder({ alert: entryAlert(), direction: 'buy', stopLoss: 2640 });
      expect((await plugin.onInfoSignal(trendAlert({ timeframe: 15, trend: -1 })))?.status).toBe('ok');
      expect(h.openTrades()).toHaveLength(0);
    });

    it('does nothing when close_on_opposite_trend is off', async () => {
      const { plugin, h } = await withBuys({ close_on_opposite_trend: false });
      expect((await plugin.onInfoSignal(trendAlert({ timeframe: 60, trend: -1 })))?.status).toBe('skipped');
      expect(h.openTrades()).toHaveLength(2);
    });
  });
});
