import type { AnalyticsSummary } from '@zepix/plugin-core';
import type { Connection } from './schema.js';
import { sql } from './schema.js';
import type { AnalyticsBucket, AnalyticsReport, AnalyticsScope } from './types.js';

interface ClosedTrade {
  plugin: string;
  symbol: string;
  pnl: number;
  closed_at: string;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Figures over closed trades (one trade = one fully closed position; its P&L includes partial closes): trades,
 * wins (P&L > 0), losses (P&L < 0), win rate as a fraction of trades, P&L, and the largest fall of the
 * cumulative realized P&L curve from its running peak (starting at 0), in close order.
 */
export function summarize(trades: readonly ClosedTrade[]): AnalyticsSummary {
  let pnl = 0;
  let peak = 0;
  let maxDrawdown = 0;
  let wins = 0;
  let losses = 0;
  for (const trade of trades) {
    pnl += trade.pnl;
    peak = Math.max(peak, pnl);
    maxDrawdown = Math.max(maxDrawdown, peak - pnl);
    if (trade.pnl > 0) wins++;
    else if (trade.pnl < 0) losses++;
  }
  const count = trades.length;
  return {
    trades: count,
    wins,
    losses,
    winRate: count === 0 ? 0 : round2(wins / count),
    pnl: round2(pnl),
    maxDrawdown: round2(maxDrawdown),
  };
}

function buckets(trades: readonly ClosedTrade[], keyOf: (t: ClosedTrade) => string): AnalyticsBucket[] {
  const groups = new Map<string, ClosedTrade[]>();
  for (const trade of trades) {
    const key = keyOf(trade);
    const group = groups.get(key) ?? [];
    group.push(trade);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, group]) => ({ key, ...summarize(group) }));
}

function scope(trades: readonly ClosedTrade[]): AnalyticsScope {
  return {
    ...summarize(trades),
    byDay: buckets(trades, (t) => t.closed_at.slice(0, 10)),
    bySymbol: buckets(trades, (t) => t.symbol),
  };
}

/** Analytics read straight from the database. */
export class Analytics {
  readonly #db: Connection;

  constructor(db: Connection) {
    this.#db = db;
  }

  /** Closed trades in close order, optionally for one plugin and since a time. */
  trades(options: { readonly plugin?: string; readonly since?: string } = {}): ClosedTrade[] {
    return sql(
      this.#db,
      `SELECT plugin, symbol, realized_pnl AS pnl, closed_at FROM positions WHERE state = 'closed'
         AND (@plugin IS NULL OR plugin = @plugin) AND (@since IS NULL OR closed_at >= @since) ORDER BY closed_at, id`,
    ).all({ plugin: options.plugin ?? null, since: options.since ?? null }) as ClosedTrade[];
  }

  /** One plugin's summary (the plugin-facing service). */
  summary(options: { readonly plugin?: string; readonly since?: string } = {}): AnalyticsSummary {
    return summarize(this.trades(options));
  }

  /** Overall and per-plugin figures, each by day (UTC) and by symbol. */
  report(options: { readonly plugin?: string } = {}): AnalyticsReport {
    const trades = this.trades(options);
    const plugins = [...new Set(trades.map((t) => t.plugin))].sort();
    const byPlugin: Record<string, AnalyticsScope> = {};
    for (const plugin of plugins) byPlugin[plugin] = scope(trades.filter((t) => t.plugin === plugin));
    return { overall: scope(trades), byPlugin };
  }
}
