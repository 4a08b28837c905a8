import type { BrokerTrade, ClosedTrade, CloseReason, Side, TradeClose } from '@zepix/broker-api';
import type { MetatraderDeal, MetatraderPosition } from './wire.js';

/** A MetaApi position as a Zepix trade; the client order id comes from the adapter's own records. */
export function toBrokerTrade(position: MetatraderPosition, clientOrderId: string): BrokerTrade {
  return {
    tradeId: position.id,
    clientOrderId,
    symbol: position.symbol,
    direction: position.type === 'POSITION_TYPE_BUY' ? 'buy' : 'sell',
    lots: position.volume,
    openPrice: position.openPrice,
    ...(position.stopLoss !== undefined && position.stopLoss !== 0 ? { stopLoss: position.stopLoss } : {}),
    ...(position.takeProfit !== undefined && position.takeProfit !== 0 ? { takeProfit: position.takeProfit } : {}),
    openedAt: position.time,
    unrealizedPnl: position.unrealizedProfit,
  };
}

/** SL and TP deals by their MetaTrader reason; every other exit (Zepix, the terminal, stop-out) is manual. */
export function closeReasonOf(deal: MetatraderDeal): CloseReason {
  if (deal.reason === 'DEAL_REASON_SL') return 'sl';
  if (deal.reason === 'DEAL_REASON_TP') return 'tp';
  return 'manual';
}

/** Realised P/L of a deal as the broker booked it (profit plus its swap and commission); never recomputed. */
export function dealPnl(deal: MetatraderDeal): number {
  return Math.round((deal.profit + (deal.swap ?? 0) + (deal.commission ?? 0)) * 100) / 100;
}

export const isExit = (deal: MetatraderDeal) =>
  deal.entryType === 'DEAL_ENTRY_OUT' || deal.entryType === 'DEAL_ENTRY_OUT_BY';

/** The close an exit deal means. `remainingLots` is what is still open of the position after it. */
export function toTradeClose(
  deal: MetatraderDeal,
  order: { clientOrderId: string; symbol: string; direction: Side; openPrice: number },
  remainingLots: number,
): TradeClose {
  return {
    tradeId: deal.positionId ?? '',
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    direction: order.direction,
    closedLots: deal.volume ?? 0,
    remainingLots,
    openPrice: order.openPrice,
    closePrice: deal.price ?? 0,
    realizedPnl: dealPnl(deal),
    reason: closeReasonOf(deal),
    closedAt: deal.time,
  };
}

/**
 * A position known only from its deals (it is no longer open): the entry deal gives the open, the exits the close.
 * Undefined when the deals hold no entry.
 */
export function closedTradeFromDeals(deals: readonly MetatraderDeal[], clientOrderId: string): ClosedTrade | undefined {
  const entry = deals.find((d) => d.entryType === 'DEAL_ENTRY_IN');
  const exits = deals.filter(isExit);
  const last = exits.at(-1);
  if (entry === undefined || last === undefined) return undefined;
  return {
    tradeId: entry.positionId ?? '',
    clientOrderId,
    symbol: entry.symbol ?? '',
    direction: entry.type === 'DEAL_TYPE_BUY' ? 'buy' : 'sell',
    lots: entry.volume ?? 0,
    openPrice: entry.price ?? 0,
    openedAt: entry.time,
    closed: true,
    closePrice: last.price ?? 0,
    closedAt: last.time,
    realizedPnl: Math.round(exits.reduce((sum, d) => sum + dealPnl(d), 0) * 100) / 100,
  };
}

/** The open price of a position from its entry deal, when the deals hold one. */
export function entryPrice(deals: readonly MetatraderDeal[]): number | undefined {
  return deals.find((d) => d.entryType === 'DEAL_ENTRY_IN')?.price;
}
