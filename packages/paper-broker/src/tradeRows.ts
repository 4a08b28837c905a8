import type { BrokerTrade, ClosedTrade, PriceTick, Side } from '@zepix/broker-api';

/** One row of the `trades` table as SQLite returns it. */
export interface TradeRow {
  readonly id: number;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly direction: Side;
  readonly initial_lots: number;
  readonly lots: number;
  readonly open_price: number;
  readonly stop_loss: number | null;
  readonly take_profit: number | null;
  readonly opened_at: string;
  readonly status: 'open' | 'closed';
  readonly realized_pnl: number;
  readonly close_price: number | null;
  readonly closed_at: string | null;
}

/** One row of the `prices` table. */
export interface PriceRow {
  readonly symbol: string;
  readonly bid: number;
  readonly ask: number;
  readonly time: string;
}

const TRADE_ID = /^P([1-9][0-9]*)$/;

/** The public trade id of a row id: short, stable and never reused. */
export function tradeIdOf(id: number): string {
  return `P${id}`;
}

/** The row id behind a public trade id, or undefined when the id is not one this broker hands out. */
export function rowIdOf(tradeId: string): number | undefined {
  const match = TRADE_ID.exec(tradeId);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The fields an open and a closed trade share. */
function commonFields(row: TradeRow, lots: number): Omit<BrokerTrade, 'unrealizedPnl'> {
  return {
    tradeId: tradeIdOf(row.id),
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    direction: row.direction,
    lots,
    openPrice: row.open_price,
    ...(row.stop_loss === null ? {} : { stopLoss: row.stop_loss }),
    ...(row.take_profit === null ? {} : { takeProfit: row.take_profit }),
    openedAt: row.opened_at,
  };
}

/** An open trade with its remaining lots and the given unrealized P&L. */
export function toBrokerTrade(row: TradeRow, unrealizedPnl: number): BrokerTrade {
  return { ...commonFields(row, row.lots), unrealizedPnl };
}

/**
 * A closed trade reports the lots it opened with, the lot-weighted average of its close prices and the P&L of all
 * its closes together, so partial closes add up to one picture of the whole trade.
 */
export function toClosedTrade(row: TradeRow): ClosedTrade {
  return {
    ...commonFields(row, row.initial_lots),
    closed: true,
    closePrice: row.close_price ?? row.open_price,
    closedAt: row.closed_at ?? row.opened_at,
    realizedPnl: row.realized_pnl,
  };
}

/** A stored price as a tick. */
export function toTick(row: PriceRow): PriceTick {
  return { symbol: row.symbol, bid: row.bid, ask: row.ask, time: row.time };
}
