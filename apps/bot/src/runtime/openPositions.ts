import type { TradeRow } from '@zepix/trading';
import type { TradingRuntime } from './TradingRuntime.js';

/** An open position with what it is worth now. */
export interface OpenPosition extends TradeRow {
  /** P/L in account currency at the latest price; 0 when the broker does not know the trade. */
  readonly unrealizedPnl: number;
  /** The latest mid price of its symbol, or null before the first price. */
  readonly price: number | null;
}

/** Zepix's open positions (owner, legs) joined with the broker's trades (unrealised P/L) and latest prices. */
export async function openPositions(trading: TradingRuntime): Promise<OpenPosition[]> {
  const rows = trading.engine.listTrades({ state: 'open' });
  if (rows.length === 0) return [];
  const trades = await trading.broker.openTrades();
  const pnl = new Map(trades.ok ? trades.value.map((t) => [t.tradeId, t.unrealizedPnl]) : []);
  const prices = new Map<string, number | null>();
  for (const symbol of new Set(rows.map((r) => r.symbol))) {
    const quote = await trading.broker.getPrice(symbol);
    prices.set(symbol, quote.ok ? (quote.value.bid + quote.value.ask) / 2 : null);
  }
  return rows.map((row) => ({
    ...row,
    unrealizedPnl: (row.brokerTradeId && pnl.get(row.brokerTradeId)) || 0,
    price: prices.get(row.symbol) ?? null,
  }));
}
