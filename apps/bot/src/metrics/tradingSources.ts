import type { TradingRuntime } from '../runtime/TradingRuntime.js';
import { openPositions } from '../runtime/openPositions.js';
import type { MetricsSources } from './BotMetrics.js';

/** What `/metrics` reads from the trading runtime at each scrape. */
export function tradingSources(trading: TradingRuntime): MetricsSources {
  return {
    openPositions: () => openPositions(trading),
    risk: () => {
      const risk = trading.engine.riskState();
      return [
        { cap: 'daily_loss', used: risk.dailyLoss, limit: risk.dailyLossCap },
        { cap: 'lifetime_loss', used: risk.lifetimeLoss, limit: risk.lifetimeLossCap },
      ];
    },
  };
}
