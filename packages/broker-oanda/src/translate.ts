import type { BrokerTrade, ClosedTrade, CloseReason, Side, TradeClose } from '@zepix/broker-api';
import type { InstrumentBook } from './InstrumentBook.js';
import type { FillEffect } from './SummaryCache.js';

/** A JSON object from OANDA. */
export type Json = Record<string, unknown>;

/** What the adapter remembers of a trade to describe its closes: OANDA's fills name only the trade id. */
export interface KnownTrade {
  readonly tradeId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly instrument: string;
  readonly direction: Side;
  readonly openPrice: number;
  /** Units still open, unsigned. */
  units: number;
  /** Units left after each fill already applied, by fill id: a close seen twice (answer and stream) counts once. */
  readonly after: Map<string, number>;
}

const num = (value: unknown): number => Number(value ?? 0);
/** A string field, or `fallback` when OANDA sent none (or something else). */
export const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const object = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null ? (value as Json) : undefined;

/** The level of a dependent order (`stopLossOrder`, `takeProfitOrder`), if the trade has one. */
function level(order: unknown): number | undefined {
  const price = object(order)?.price;
  return price === undefined ? undefined : num(price);
}

/** What the adapter keeps from a v20 `Trade`. */
export function knownTrade(trade: Json, book: InstrumentBook): KnownTrade {
  const instrument = text(trade.instrument);
  return {
    tradeId: text(trade.id),
    clientOrderId: text(object(trade.clientExtensions)?.id),
    symbol: book.symbolOf(instrument),
    instrument,
    direction: num(trade.initialUnits) > 0 ? 'buy' : 'sell',
    openPrice: num(trade.price),
    units: Math.abs(num(trade.currentUnits)),
    after: new Map(),
  };
}

/** A v20 `Trade` as Zepix sees it: open, or closed with its realised P/L. */
export function toBrokerTrade(trade: Json, book: InstrumentBook): BrokerTrade | ClosedTrade {
  const known = knownTrade(trade, book);
  const spec = book.byName(known.instrument);
  const stopLoss = level(trade.stopLossOrder);
  const takeProfit = level(trade.takeProfitOrder);
  const base = {
    tradeId: known.tradeId,
    clientOrderId: known.clientOrderId,
    symbol: known.symbol,
    direction: known.direction,
    openPrice: known.openPrice,
    openedAt: text(trade.openTime),
    ...(stopLoss === undefined ? {} : { stopLoss }),
    ...(takeProfit === undefined ? {} : { takeProfit }),
  };
  if (trade.state === 'CLOSED') {
    return {
      ...base,
      lots: book.lots(spec, num(trade.initialUnits)),
      closed: true,
      closePrice: num(trade.averageClosePrice),
      closedAt: text(trade.closeTime),
      realizedPnl: num(trade.realizedPL),
    };
  }
  return { ...base, lots: book.lots(spec, known.units), unrealizedPnl: num(trade.unrealizedPL) };
}

/** Why OANDA filled a closing order, in Zepix terms (json/v20.json `definitions.OrderFillReason`). */
export function closeReason(fillReason: unknown): CloseReason {
  if (fillReason === 'STOP_LOSS_ORDER' || fillReason === 'TRAILING_STOP_LOSS_ORDER') return 'sl';
  if (fillReason === 'GUARANTEED_STOP_LOSS_ORDER') return 'sl';
  if (fillReason === 'TAKE_PROFIT_ORDER') return 'tp';
  return 'manual';
}

/** The trade reductions of an ORDER_FILL: every `tradesClosed` entry and the `tradeReduced` one. */
export function reductions(fill: Json): Json[] {
  const closed = Array.isArray(fill.tradesClosed) ? (fill.tradesClosed as Json[]) : [];
  const reduced = object(fill.tradeReduced);
  return reduced === undefined ? closed : [...closed, reduced];
}

/** What an ORDER_FILL says about the account (v20 OrderFillTransaction: `id`, `accountBalance`, `tradeOpened`, `tradesClosed`). */
export function fillEffect(fill: Json): FillEffect {
  const opened = object(fill.tradeOpened) === undefined ? 0 : 1;
  const closed = Array.isArray(fill.tradesClosed) ? fill.tradesClosed.length : 0;
  return { transactionId: Number(fill.id), balance: Number(fill.accountBalance), openTradesChange: opened - closed };
}

/** A reduction of a known trade as a Zepix close; the first time a fill is seen, it updates the units left open. */
export function toTradeClose(reduce: Json, fill: Json, trade: KnownTrade, book: InstrumentBook): TradeClose {
  const spec = book.byName(trade.instrument);
  const closedUnits = Math.abs(num(reduce.units));
  const fillId = text(fill.id);
  const remaining = trade.after.get(fillId) ?? Math.max(0, trade.units - closedUnits);
  if (!trade.after.has(fillId)) {
    trade.after.set(fillId, remaining);
    trade.units = remaining;
  }
  return {
    tradeId: trade.tradeId,
    clientOrderId: trade.clientOrderId,
    symbol: trade.symbol,
    direction: trade.direction,
    closedLots: book.lots(spec, closedUnits),
    remainingLots: book.lots(spec, remaining),
    openPrice: trade.openPrice,
    closePrice: num(reduce.price),
    // Realised P/L is OANDA's own figure for the reduction (account currency), never recomputed here.
    realizedPnl: num(reduce.realizedPL),
    reason: closeReason(fill.reason),
    closedAt: text(fill.time),
  };
}
