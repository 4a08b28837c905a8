import { describe, expect, it } from 'vitest';
import { exitAlert, reversalAlert, squeezeAlert, trendAlert, trendPulseAlert } from '@zepix/plugin-core/testing';
import { BEARISH, dualCalls, methods, seed, setup } from './testSupport.js';

describe('CombinedV3Plugin exits, reversals and info alerts', () => {
  describe('exits', () => {
    it('Bullish_Exit closes only sells, after stopping chains and monitors', async () => {
      const { plugin, h } = await setup();
      await seed(h, 'buy');
      await seed(h, 'sell');
      const result = await plugin.processExitSignal(
        exitAlert({ family: 'v3', signalType: 'Bullish_Exit', closeSide: 'sell' }),
      );
      expect(h.openTrades().map((p) => p.direction)).toEqual(['buy']);
      expect(methods(h).slice(-3)).toEqual([
        'profitBooking.stopChains',
        'reentry.cancelMonitors',
        'orderExecution.closePositions',
      ]);
      expect(h.callsTo('profitBooking', 'stopChains')).toEqual([
        { symbol: 'XAUUSD', direction: 'sell', reason: 'Bullish_Exit alert' },
      ]);
      expect(h.callsTo('reentry', 'cancelMonitors')).toEqual([
        { symbol: 'XAUUSD', direction: 'sell', reason: 'Bullish_Exit alert' },
      ]);
      expect(result).toMatchObject({ status: 'ok', data: { side: 'sell', closed: ['2'] } });
      expect(result.message).toBe(
        '[COMBINED-V3] Bullish_Exit: closed 1 sell position on XAUUSD, stopped 0 profit chain(s) and cancelled 0 re-entry monitor(s).',
      );
    });

    it('Bearish_Exit closes only buys', async () => {
      const { plugin, h } = await setup();
      await seed(h, 'buy');
      await seed(h, 'sell');
      await plugin.processExitSignal(exitAlert({ family: 'v3', signalType: 'Bearish_Exit', closeSide: 'buy' }));
      expect(h.openTrades().map((p) => p.direction)).toEqual(['sell']);
    });

    it('is skipped when nothing was open', async () => {
      const { plugin } = await setup();
      const result = await plugin.processExitSignal(exitAlert({ family: 'v3', closeSide: 'buy' }));
      expect(result.status).toBe('skipped');
    });
  });

  describe('reversal', () => {
    it('closes the opposite side, then enters the new direction', async () => {
      const { plugin, h } = await setup({}, BEARISH);
      await seed(h, 'buy');
      const alert = reversalAlert({ family: 'v3', timeframe: 5, consensusScore: 6, levels: { sl: 2660, tp1: 2640 } });
      const result = await plugin.processReversalSignal(alert);
      const order = methods(h);
      expect(order.indexOf('orderExecution.closePositions')).toBeLessThan(
        order.indexOf('orderExecution.placeDualOrder'),
      );
      expect(h.callsTo('orderExecution', 'closePositions')).toEqual([
        { symbol: 'XAUUSD', direction: 'buy', reason: 'reversal alert' },
      ]);
      expect(dualCalls(h)[0]).toMatchObject({
        direction: 'sell',
        orderA: { stopLoss: 2660 },
        orderB: { takeProfit: 2640 },
      });
      expect(h.openTrades().map((p) => `${p.direction}-${p.leg}`)).toEqual(['sell-A', 'sell-B']);
      expect(result).toMatchObject({
        status: 'ok',
        data: { logic: 'logic1', closedOpposite: ['1'], entryStatus: 'ok' },
      });
      expect(result.message).toBe(
        '[COMBINED-V3] Reversal to sell: closed 1 buy position on XAUUSD; opened leg A and B for sell XAUUSD via logic1 (consensus 6, lots ×0.9125).',
      );
    });

    it('still reports the close when the new entry is refused', async () => {
      const { plugin, h } = await setup({}, BEARISH);
      await seed(h, 'buy');
      const result = await plugin.processReversalSignal(
        reversalAlert({ family: 'v3', consensusScore: 3, levels: { sl: 2660 } }),
      );
      expect(result).toMatchObject({ status: 'ok', data: { entryStatus: 'rejected', closedOpposite: ['1'] } });
      expect(result.message).toContain('closed 1 buy position on XAUUSD; rejected sell XAUUSD: consensus 3');
      expect(dualCalls(h)).toHaveLength(0);
    });
  });

  describe('info alerts', () => {
    it('sends a tagged squeeze notification', async () => {
      const { plugin, h } = await setup();
      const result = await plugin.onInfoSignal(squeezeAlert({ symbol: 'EURUSD', timeframe: 15 }));
      expect(h.callsTo('telegram', 'send')).toEqual([
        {
          text: '[COMBINED-V3] Volatility squeeze on EURUSD 15m: a big move is expected, prepare for the breakout',
          kind: 'squeeze',
        },
      ]);
      expect(result?.status).toBe('ok');
      const quiet = await setup({ notifications: { squeeze: false } });
      expect((await quiet.plugin.onInfoSignal(squeezeAlert()))?.status).toBe('skipped');
      expect(quiet.h.callsTo('telegram', 'send')).toHaveLength(0);
    });

    it('trades nothing on a trend pulse and ignores plain trend alerts', async () => {
      const { plugin, h } = await setup();
      const pulse = await plugin.onInfoSignal(trendPulseAlert({ changedTimeframes: [5, 15] }));
      expect(pulse).toMatchObject({ status: 'skipped', data: { changedTimeframes: [5, 15] } });
      expect(pulse?.message).toContain('changed: 5m, 15m');
      expect(await plugin.onInfoSignal(trendAlert({ family: 'v3' }))).toBeUndefined();
      expect(h.calls).toHaveLength(0);
    });
  });
});
