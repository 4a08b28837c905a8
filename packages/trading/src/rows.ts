import type { Direction, LifecycleOptions, Position } from '@zepix/plugin-core';
import type { TradeOrigin, TradeRow, TradeState } from './types.js';

/** A `positions` row as stored. */
export interface PositionRow {
  id: number;
  client_order_id: string;
  plugin: string;
  symbol: string;
  direction: Direction;
  leg: string;
  origin: TradeOrigin;
  state: TradeState;
  requested_lots: number;
  lots: number;
  entry_price: number | null;
  stop_loss: number | null;
  take_profit: number | null;
  broker_trade_id: string | null;
  error_code: string | null;
  error_reason: string | null;
  lifecycle_json: string;
  reentry_level: number;
  chain_id: number | null;
  chain_level: number | null;
  realized_pnl: number;
  close_price: number | null;
  close_reason: string | null;
  exit_note: string | null;
  closed_by: string | null;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

/** The lifecycle options stored with a position. */
export function lifecycleOf(row: PositionRow): LifecycleOptions {
  return JSON.parse(row.lifecycle_json) as LifecycleOptions;
}

/** The operator's view of a row. */
export function toTradeRow(row: PositionRow): TradeRow {
  return {
    id: String(row.id),
    clientOrderId: row.client_order_id,
    plugin: row.plugin,
    symbol: row.symbol,
    direction: row.direction,
    leg: row.leg,
    origin: row.origin,
    state: row.state,
    requestedLots: row.requested_lots,
    lots: row.lots,
    entryPrice: row.entry_price,
    stopLoss: row.stop_loss,
    takeProfit: row.take_profit,
    brokerTradeId: row.broker_trade_id,
    errorCode: row.error_code,
    errorReason: row.error_reason,
    reentryLevel: row.reentry_level,
    chainId: row.chain_id === null ? null : String(row.chain_id),
    chainLevel: row.chain_level,
    realizedPnl: row.realized_pnl,
    closePrice: row.close_price,
    closeReason: row.close_reason,
    exitNote: row.exit_note,
    closedBy: row.closed_by,
    createdAt: row.created_at,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
  };
}

/** A plugin's view of a row, with the P&L marked at the latest price. */
export function toPosition(row: PositionRow, unrealizedPnl: number): Position {
  return {
    id: String(row.id),
    clientOrderId: row.client_order_id,
    plugin: row.plugin,
    symbol: row.symbol,
    direction: row.direction,
    leg: row.leg,
    lots: row.lots,
    entryPrice: row.entry_price ?? 0,
    ...(row.stop_loss === null ? {} : { stopLoss: row.stop_loss }),
    ...(row.take_profit === null ? {} : { takeProfit: row.take_profit }),
    openedAt: row.opened_at ?? row.created_at,
    unrealizedPnl,
  };
}
