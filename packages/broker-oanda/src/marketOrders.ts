import type { BrokerTrade, MarketOrderRequest } from '@zepix/broker-api';
import type { InstrumentBook, InstrumentSpec } from './InstrumentBook.js';
import type { Json, KnownTrade } from './translate.js';

/**
 * A v20 MARKET order (json/v20.json `definitions.MarketOrderRequest`, https://developer.oanda.com/rest-live-v20/order-df/):
 * signed units, fill-or-kill, the client order id on the order and on the trade it opens (only the trade's finds
 * it later through `trades/@<id>`), and SL/TP on fill at the instrument's display precision.
 */
export function marketOrderBody(
  request: MarketOrderRequest,
  spec: InstrumentSpec,
  units: number,
  book: InstrumentBook,
): Json {
  const signed = request.direction === 'buy' ? units : -units;
  const id = request.clientOrderId;
  const onFill = (price: number | undefined) =>
    price === undefined ? undefined : { price: book.price(spec, price), timeInForce: 'GTC' };
  const stopLossOnFill = onFill(request.stopLoss);
  const takeProfitOnFill = onFill(request.takeProfit);
  return {
    type: 'MARKET',
    instrument: spec.name,
    units: signed.toFixed(spec.tradeUnitsPrecision),
    timeInForce: 'FOK',
    positionFill: 'DEFAULT',
    clientExtensions: { id },
    tradeClientExtensions: { id },
    ...(stopLossOnFill === undefined ? {} : { stopLossOnFill }),
    ...(takeProfitOnFill === undefined ? {} : { takeProfitOnFill }),
  };
}

/** The trade an ORDER_FILL opened, as Zepix sees it, and what the adapter remembers of it. */
export function openedTrade(
  fill: Json,
  request: MarketOrderRequest,
  spec: InstrumentSpec,
  book: InstrumentBook,
): { known: KnownTrade; trade: BrokerTrade } {
  const opened = (fill.tradeOpened ?? {}) as Json;
  const known: KnownTrade = {
    tradeId: String(opened.tradeID),
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    instrument: spec.name,
    direction: request.direction,
    openPrice: Number(opened.price),
    units: Math.abs(Number(opened.units)),
    after: new Map(),
  };
  const level = (price: number | undefined) => (price === undefined ? undefined : Number(book.price(spec, price)));
  const stopLoss = level(request.stopLoss);
  const takeProfit = level(request.takeProfit);
  return {
    known,
    trade: {
      tradeId: known.tradeId,
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      direction: request.direction,
      lots: book.lots(spec, known.units),
      openPrice: known.openPrice,
      ...(stopLoss === undefined ? {} : { stopLoss }),
      ...(takeProfit === undefined ? {} : { takeProfit }),
      openedAt: String(fill.time),
      unrealizedPnl: 0,
    },
  };
}
