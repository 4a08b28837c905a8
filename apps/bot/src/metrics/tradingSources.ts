import type { TradingRuntime } from '../runtime/TradingRuntime.js';
import type { MetricsSources, OpenPositionFigure } from './BotMetrics.js';

/** Open positions with their unrealised P/L: Zepix's own rows for the owner, the broker's trades for the P/L. */
export async function openPositionFigures(trading: TradingRuntime): Promise<OpenPositionFigure[]> {
  const rows = trading.engine.listTrades({ state: 'open' });
  const trades = await trading.broker.openTrades();
  const pnl = new Map(trades.status === 'ok' ? trades.value.map((t) => [t.tradeId, t.unrealizedPnl]) : []);
  return rows.map((row) => ({
    plugin: row.plugin,
    symbol: row.symbol,
    unrealizedPnl: (row.brokerTradeId && pnl.get(row.brokerTradeId)) || 0,
  }));
}

/** What `/metrics` reads from the trading runtime at each scrape. */
export function tradingSources(trading: TradingRuntime): MetricsSources {
  return {
    openPositions: () => openPositionFigures(trading),
    risk: () => {
      const risk = trading.engine.riskState();
      return [
        { cap: 'daily_loss', used: risk.dailyLoss, limit: risk.dailyLossCap },
        { cap: 'lifetime_loss', used: risk.lifetimeLoss, limit: risk.lifetimeLossCap },
      ];
    },
  };
}
