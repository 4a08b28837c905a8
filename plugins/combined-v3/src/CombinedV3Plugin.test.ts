import { describe, expect, it } from 'vitest';
import { entryAlert, expectValidPluginPackage, exitAlert } from '@zepix/plugin-core/testing';
import { CombinedV3Plugin } from './CombinedV3Plugin.js';
import * as pluginModule from './index.js';
import { BEARISH, BULLISH, dualCalls, methods, seed, setup, v3Entry } from './testSupport.js';

describe('CombinedV3Plugin', () => {
  it('is a valid Zepix plugin package, enabled by default', () => {
    expectValidPluginPackage({ packageDir: new URL('..', import.meta.url), module: pluginModule });
    expect(CombinedV3Plugin.defaultEnabled).toBe(true);
  });

  it('accepts only V3 alerts', async () => {
    const { plugin } = await setup();
    expect(plugin.validateAlert(v3Entry())).toEqual({ ok: true });
    expect(plugin.validateAlert(entryAlert({ family: 'legacy' }))).toEqual({
      ok: false,
      reason: 'combined-v3 trades V3 alerts only; this one is legacy',
    });
    expect(plugin.validateAlert(exitAlert({ family: 'v6' })).ok).toBe(false);
  });

  describe('consensus filter', () => {
    it('rejects below min_consensus (5) with the numbers', async () => {
      const { plugin, h } = await setup();
      const result = await plugin.processEntrySignal(v3Entry({ consensusScore: 4 }));
      expect(result).toMatchObject({ status: 'rejected', data: { consensusScore: 4, requiredConsensus: 5 } });
      expect(result.message).toBe(
        '[COMBINED-V3] Rejected buy XAUUSD: consensus 4 is below the 5 a Momentum_Breakout buy needs.',
      );
      expect(dualCalls(h)).toHaveLength(0);
    });

    it('trades at exactly min_consensus', async () => {
      const { plugin } = await setup();
      expect((await plugin.processEntrySignal(v3Entry({ consensusScore: 5 }))).status).toBe('ok');
    });

    it('needs 7 for an Institutional_Launchpad buy but not for a sell', async () => {
      const { plugin } = await setup({}, BULLISH);
      const buy6 = await plugin.processEntrySignal(
        v3Entry({ signalType: 'Institutional_Launchpad', consensusScore: 6 }),
      );
      expect(buy6).toMatchObject({ status: 'rejected', data: { consensusScore: 6, requiredConsensus: 7 } });
      const buy7 = await plugin.processEntrySignal(
        v3Entry({ signalType: 'Institutional_Launchpad', consensusScore: 7 }),
      );
      expect(buy7.status).toBe('ok');
      const bear = await setup({}, BEARISH);
      const sell = { signalType: 'Institutional_Launchpad', direction: 'sell', consensusScore: 6 } as const;
      const sell6 = await bear.plugin.processEntrySignal(
        v3Entry({ ...sell, levels: { sl: 2660, tp1: 2640, tp2: 2630 } }),
      );
      expect(sell6.status).toBe('ok');
    });

    it('rejects an entry without a consensus score', async () => {
      const { plugin } = await setup();
      const result = await plugin.processEntrySignal(v3Entry({ consensusScore: undefined }));
      expect(result.status).toBe('rejected');
      expect(result.message).toContain('carries no consensus score');
    });
  });

  describe('stop-loss', () => {
    it('never trades without one', async () => {
      const { plugin, h } = await setup();
      const result = await plugin.processEntrySignal(v3Entry({ levels: { tp1: 2660, tp2: 2670 } }));
      expect(result.status).toBe('rejected');
      expect(result.message).toContain('carries no stop-loss');
      expect(h.calls).toHaveLength(0);
    });

    it('rejects a stop-loss on the wrong side of the price', async () => {
      const { plugin } = await setup();
      const result = await plugin.processEntrySignal(v3Entry({ levels: { sl: 2655 } }));
      expect(result).toMatchObject({ status: 'rejected' });
      expect(result.message).toContain('the stop-loss 2655 is on the wrong side of the buy price 2650');
    });
  });

  describe('dual order', () => {
    it('sends A (Pine SL → TP2) and B (→ TP1) with the logic lifecycle', async () => {
      const { plugin, h } = await setup();
      const alert = v3Entry();
      const result = await plugin.processEntrySignal(alert);
      expect(dualCalls(h)).toEqual([
        {
          alert,
          direction: 'buy',
          legs: 'both',
          orderA: { stopLoss: 2640, takeProfit: 2670 },
          orderB: { takeProfit: 2660 },
          lotMultiplier: 0.73,
          onLegFailure: 'keep-other',
          lifecycle: {
            profitChain: true,
            slHuntWindowMinutes: 45,
            tpContinuation: true,
            exitContinuation: false,
            alignmentTimeframes: [15, 60, 240, 1440],
          },
        },
      ]);
      expect(result).toMatchObject({
        status: 'ok',
        data: {
          logic: 'logic2',
          legsOpened: ['A', 'B'],
          lotMultiplier: { consensus: 0.73, logic: 1, position: 1, total: 0.73 },
        },
      });
      expect(result.message).toBe(
        '[COMBINED-V3] Opened leg A and B for buy XAUUSD via logic2 (consensus 6, lots ×0.73).',
      );
      expect(h.openTrades().map((p) => p.leg)).toEqual(['A', 'B']);
    });

    it('asks the sizing service with entry, stop and the total multiplier', async () => {
      const { plugin, h } = await setup();
      await plugin.processEntrySignal(v3Entry({ timeframe: 5, consensusScore: 6, positionMultiplier: 0.5 }));
      // 0.73 (consensus 6) × 1.25 (logic1) × 0.5 (position_multiplier)
      expect(h.callsTo('riskManagement', 'calculateLots')).toEqual([
        { symbol: 'XAUUSD', entryPrice: 2650, stopLoss: 2640, multiplier: 0.4563 },
      ]);
      expect(dualCalls(h)[0]).toMatchObject({ lotMultiplier: 0.4563, lifecycle: { slHuntWindowMinutes: 30 } });
    });

    it('uses per-logic legs, leg-failure policy and the 120-minute logic3 window', async () => {
      const config = { logics: { logic3: { legs: 'A' } }, dual_orders: { on_leg_failure: 'close-other' } };
      const { plugin, h } = await setup(config);
      const result = await plugin.processEntrySignal(v3Entry({ timeframe: 60, levels: { sl: 2640 } }));
      expect(dualCalls(h)[0]).toMatchObject({
        legs: 'A',
        orderA: { stopLoss: 2640 },
        orderB: {},
        onLegFailure: 'close-other',
        lotMultiplier: 0.4563,
        lifecycle: { profitChain: false, slHuntWindowMinutes: 120, exitContinuation: true },
      });
      expect(dualCalls(h)[0]?.orderA).not.toHaveProperty('takeProfit');
      expect(result.data).toMatchObject({ logic: 'logic3', legsOpened: ['A'] });
    });

    it('reports a refused order as rejected with the reason', async () => {
      const { plugin, h } = await setup();
      h.broker.injectFault({ method: 'placeMarketOrder', outcome: 'rejected', count: 2 });
      const result = await plugin.processEntrySignal(v3Entry());
      expect(result).toMatchObject({ status: 'rejected', data: { logic: 'logic2', legsOpened: [] } });
      expect(result.message).toMatch(
        /^\[COMBINED-V3\] Dual order for buy XAUUSD via logic2 was not placed: no leg of the dual order is open\. leg A: ZEPIX_BROKER_REJECTED: .*\(ZEPIX_BROKER_REJECTED\)\.$/,
      );
    });
  });

  describe('aggressive signals', () => {
    it.each(['Liquidity_Trap_Reversal', 'Golden_Pocket_Flip', 'Screener_Full_Bullish'])(
      '%s closes the opposite side before entering',
      async (signalType) => {
        const { plugin, h } = await setup();
        await seed(h, 'sell');
        await seed(h, 'buy');
        const result = await plugin.processEntrySignal(v3Entry({ signalType }));
        expect(h.callsTo('orderExecution', 'closePositions')).toEqual([
          { symbol: 'XAUUSD', direction: 'sell', reason: `aggressive ${signalType} buy` },
        ]);
        const order = methods(h);
        expect(order.indexOf('orderExecution.closePositions')).toBeLessThan(
          order.indexOf('orderExecution.placeDualOrder'),
        );
        expect(result.data).toMatchObject({ closedOpposite: ['1'] });
        expect(result.message).toContain('after closing 1 opposite position(s)');
        expect(h.openTrades().map((p) => p.direction)).toEqual(['buy', 'buy', 'buy']);
      },
    );

    it('treats consensus ≥ 7 as aggressive, like the original engine', async () => {
      const { plugin, h } = await setup();
      await plugin.processEntrySignal(v3Entry({ consensusScore: 7 }));
      expect(h.callsTo('orderExecution', 'closePositions')).toHaveLength(1);
    });

    it('leaves the opposite side alone for ordinary signals and when turned off', async () => {
      const { plugin, h } = await setup();
      await plugin.processEntrySignal(v3Entry({ signalType: 'Momentum_Breakout', consensusScore: 6 }));
      expect(h.callsTo('orderExecution', 'closePositions')).toHaveLength(0);
      const off = await setup({ aggressive_reversal: { enabled: false } });
      await off.plugin.processEntrySignal(v3Entry({ signalType: 'Golden_Pocket_Flip', consensusScore: 9 }));
      expect(off.h.callsTo('orderExecution', 'closePositions')).toHaveLength(0);
    });

    it('does not enter when closing the opposite side cannot be confirmed', async () => {
      const { plugin, h } = await setup();
      await seed(h, 'sell');
      h.broker.injectFault({ method: 'closeTrade', outcome: 'unknown-before' });
      const result = await plugin.processEntrySignal(v3Entry({ signalType: 'Golden_Pocket_Flip' }));
      expect(result).toMatchObject({ status: 'failed', data: { code: 'ZEPIX_CLOSE_FAILED', legsOpened: [] } });
      expect(result.message).toContain(
        '[COMBINED-V3] Did not enter buy XAUUSD: closing the sell side first failed: closed 0 of 1',
      );
      expect(dualCalls(h)).toHaveLength(0);
    });

    it('closes nothing when the entry itself is rejected', async () => {
      const { plugin, h } = await setup({}, BEARISH);
      const result = await plugin.processEntrySignal(v3Entry({ signalType: 'Golden_Pocket_Flip' }));
      expect(result.status).toBe('rejected');
      expect(h.callsTo('orderExecution', 'closePositions')).toHaveLength(0);
    });
  });

  describe('trend alignment (3 of 4 pillars)', () => {
    it('accepts 3 agreeing pillars and rejects 2 with the detail', async () => {
      const three = await setup({}, { 15: -1, 60: 1, 240: 1, 1440: 1 });
      expect((await three.plugin.processEntrySignal(v3Entry())).status).toBe('ok');
      expect(three.h.callsTo('trends', 'checkAlignment')).toEqual([
        { symbol: 'XAUUSD', direction: 'buy', timeframes: [15, 60, 240, 1440], minAgreeing: 3 },
      ]);
      const two = await setup({}, { 15: -1, 60: -1, 240: 1, 1440: 1 });
      const result = await two.plugin.processEntrySignal(v3Entry());
      expect(result).toMatchObject({ status: 'rejected', data: { logic: 'logic2', alignment: { agreeing: 2 } } });
      expect(result.message).toBe(
        '[COMBINED-V3] Rejected buy XAUUSD (logic2): only 2 trend pillars agree and 3 of 4 must (15m:-1 60m:-1 240m:1 1440m:1).',
      );
      expect(dualCalls(two.h)).toHaveLength(0);
    });

    it('skips the check when require_trend_alignment is false', async () => {
      const { plugin, h } = await setup({ require_trend_alignment: false }, BEARISH);
      expect((await plugin.processEntrySignal(v3Entry())).status).toBe('ok');
      expect(h.callsTo('trends', 'checkAlignment')).toHaveLength(0);
    });

    it('judges by the alert trends with use_alert_trends, falling back to the store', async () => {
      const config = { trend_alignment: { use_alert_trends: true } };
      const { plugin, h } = await setup(config, BEARISH);
      const ok = await plugin.processEntrySignal(v3Entry({ mtfTrends: { 5: -1, ...BULLISH, 15: -1 } }));
      expect(ok).toMatchObject({ status: 'ok', data: { alignment: { source: 'alert', agreeing: 3 } } });
      const partial = await plugin.processEntrySignal(v3Entry({ mtfTrends: { 60: 1, 240: 1 } }));
      expect(partial).toMatchObject({ status: 'rejected', data: { alignment: { source: 'store', agreeing: 0 } } });
      expect(h.callsTo('trends', 'checkAlignment')).toHaveLength(1);
    });
  });
});
