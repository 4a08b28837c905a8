import type { TradingConfig } from '@zepix/trading';
import type { TradingRuntime } from '../runtime/TradingRuntime.js';
import { openPositions } from '../runtime/openPositions.js';
import type { MetricsSources } from './EngineMetrics.js';

/** What `/metrics` reads from the trading runtime at each scrape. */
export function tradingSources(trading: TradingRuntime, risk: TradingConfig['risk']): MetricsSources {
  return {
    openPositions: () => openPositions(trading),
    risk: () => {
      const state = trading.engine.riskState();
      return [
        { cap: 'daily_loss', used: state.dailyLoss, limit: state.dailyLossCap },
        { cap: 'lifetime_loss', used: state.lifetimeLoss, limit: state.lifetimeLossCap },
        { cap: 'orders_per_minute', used: state.ordersLastMinute, limit: risk.max_orders_per_minute },
      ];
    },
  };
}
