import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarize } from './Analytics.js';
import { alert, harness, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

describe('summarize', () => {
  it('measures the drawdown from the running peak of the cumulative P&L, starting at 0', () => {
    const trades = [-20, 50, -30, -40, 10].map((pnl, i) => ({
      plugin: 'p',
      symbol: 'X',
      pnl,
      closed_at: `2026-01-0${i + 1}`,
    }));
    expect(summarize(trades)).toEqual({ trades: 5, wins: 2, losses: 3, winRate: 0.4, pnl: -30, maxDrawdown: 70 });
    expect(summarize([])).toEqual({ trades: 0, wins: 0, losses: 0, winRate: 0, pnl: 0, maxDrawdown: 0 });
  });
});

describe('analytics from the database', () => {
  let h: Harness;
  beforeEach(async () => {
    // Whole lots on every round trip keep the figures round: smart lot would shrink them after each loss.
    h = await harness({ config: { lot_sizing: { smart_lot: false } } });
  });
  afterEach(async () => {
    await h.cleanup();
  });

  async function roundTrip(plugin: string, symbol: string, open: number, close: number) {
    await tick(h, symbol, open);
    const placed = await h.engine
      .servicesFor(plugin)
      .orderExecution.placeOrder({ alert: alert({ symbol }), direction: 'buy', lots: 1 });
    if (!placed.ok) throw new Error(placed.reason);
    h.clock.minutes(1);
    await tick(h, symbol, close);
    await h.engine.servicesFor(plugin).orderExecution.closePositions({ symbol, reason: 'done' });
  }

  it('reports per plugin and overall, by day and by symbol', async () => {
    await roundTrip('alpha', 'XAUUSD', 2650, 2651);
    await roundTrip('alpha', 'XAUUSD', 2650, 2649.5);
    await roundTrip('beta', 'EURUSD', 1.1, 1.1003);
    h.clock.set('2026-03-03T09:00:00.000Z');
    await roundTrip('alpha', 'EURUSD', 1.1, 1.0992);
    await roundTrip('alpha', 'XAUUSD', 2650, 2650.2);
    await h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy' });

    const report = h.engine.analytics();
    expect(report.overall).toMatchObject({ trades: 5, wins: 3, losses: 2, winRate: 0.6, pnl: 20, maxDrawdown: 100 });
    expect(report.overall.byDay).toEqual([
      { key: '2026-03-02', trades: 3, wins: 2, losses: 1, winRate: 0.67, pnl: 80, maxDrawdown: 50 },
      { key: '2026-03-03', trades: 2, wins: 1, losses: 1, winRate: 0.5, pnl: -60, maxDrawdown: 80 },
    ]);
    expect(report.overall.bySymbol.map((b) => [b.key, b.trades, b.pnl])).toEqual([
      ['EURUSD', 2, -50],
      ['XAUUSD', 3, 70],
    ]);
    expect(report.byPlugin.alpha).toMatchObject({
      trades: 4,
      wins: 2,
      losses: 2,
      winRate: 0.5,
      pnl: -10,
      maxDrawdown: 130,
    });
    expect(report.byPlugin.beta).toMatchObject({ trades: 1, wins: 1, pnl: 30, maxDrawdown: 0 });
    expect(Object.keys(h.engine.analytics({ plugin: 'beta' }).byPlugin)).toEqual(['beta']);

    const alpha = h.engine.servicesFor('alpha').analytics;
    expect(await alpha.getSummary()).toMatchObject({ trades: 4, pnl: -10 });
    expect(await alpha.getSummary({ since: '2026-03-03T00:00:00.000Z' })).toMatchObject({ trades: 2, pnl: -60 });
  });
});
