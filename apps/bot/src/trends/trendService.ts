import type { TrendService } from '@zepix/plugin-core';
import type { TrendStore } from './TrendStore.js';

/** The plugin-facing trend service over the shared store. */
export function trendService(store: TrendStore): TrendService {
  return {
    getTrends: (o) => Promise.resolve(store.getTrends(o.symbol)),
    getTrend: (o) => Promise.resolve(store.getTrend(o.symbol, o.timeframe)),
    checkAlignment: (o) => Promise.resolve(store.checkAlignment(o)),
  };
}
