import type { EmulatedInstrument } from './emulatorInstruments.js';
import { decimal, money } from './emulatorState.js';
import type { DependentOrder, EmulatedTrade, Quote } from './emulatorState.js';

/**
 * A `ClientPrice` (json/v20.json `definitions.ClientPrice`, https://developer.oanda.com/rest-live-v20/pricing-df/):
 * `type: "PRICE"` so it can be told apart in a stream, bids and asks as price buckets, decimals as strings.
 */
export function clientPrice(instrument: EmulatedInstrument, quote: Quote): Record<string, unknown> {
  const bid = decimal(quote.bid, instrument.displayPrecision);
  const ask = decimal(quote.ask, instrument.displayPrecision);
  return {
    type: 'PRICE',
    instrument: instrument.name,
    time: quote.time,
    tradeable: quote.tradeable,
    status: quote.tradeable ? 'tradeable' : 'non-tradeable',
    bids: [{ price: bid, liquidity: 10_000_000 }],
    asks: [{ price: ask, liquidity: 10_000_000 }],
    closeoutBid: bid,
    closeoutAsk: ask,
  };
}

function dependentOrder(trade: EmulatedTrade, order: DependentOrder): Record<string, unknown> {
  return {
    id: order.id,
    type: order.type,
    createTime: order.createTime,
    state: 'PENDING',
    tradeID: trade.id,
    price: decimal(order.price, trade.instrument.displayPrecision),
    timeInForce: 'GTC',
    triggerCondition: 'DEFAULT',
  };
}

/** A `Trade` (json/v20.json `definitions.Trade`, https://developer.oanda.com/rest-live-v20/trade-df/). */
export function tradeJson(trade: EmulatedTrade, unrealizedPL: number): Record<string, unknown> {
  const { instrument } = trade;
  const units = (value: number) => decimal(value, instrument.tradeUnitsPrecision);
  const closedUnits = Math.abs(trade.initialUnits) - Math.abs(trade.currentUnits);
  return {
    id: trade.id,
    instrument: instrument.name,
    price: decimal(trade.price, instrument.displayPrecision),
    openTime: trade.openTime,
    state: trade.state,
    initialUnits: units(trade.initialUnits),
    currentUnits: units(trade.currentUnits),
    realizedPL: money(trade.realizedPL),
    unrealizedPL: money(trade.state === 'OPEN' ? unrealizedPL : 0),
    financing: money(0),
    closingTransactionIDs: trade.closingTransactionIDs,
    ...(closedUnits > 0 ? { averageClosePrice: decimal(trade.closedValue / closedUnits, 5) } : {}),
    ...(trade.closeTime === undefined ? {} : { closeTime: trade.closeTime }),
    ...(trade.clientExtensions === undefined ? {} : { clientExtensions: trade.clientExtensions }),
    ...(trade.stopLoss === undefined ? {} : { stopLossOrder: dependentOrder(trade, trade.stopLoss) }),
    ...(trade.takeProfit === undefined ? {} : { takeProfitOrder: dependentOrder(trade, trade.takeProfit) }),
  };
}

/** An `Instrument` (json/v20.json `definitions.Instrument`). */
export function instrumentJson(instrument: EmulatedInstrument): Record<string, unknown> {
  return { ...instrument };
}

/** An error body as v20 sends it: `errorMessage`, and `errorCode` when there is one. */
export function errorBody(errorMessage: string, errorCode?: string): Record<string, unknown> {
  return errorCode === undefined ? { errorMessage } : { errorCode, errorMessage };
}
