import type { EmulatedInstrument } from './emulatorInstruments.js';
import { fitsPrecision } from './emulatorState.js';
import type { Quote } from './emulatorState.js';

/** A MARKET order body as the emulator understands it (json/v20.json `definitions.MarketOrderRequest`). */
export interface MarketOrderBody {
  readonly type?: unknown;
  readonly instrument?: unknown;
  readonly units?: unknown;
  readonly timeInForce?: unknown;
  readonly stopLossOnFill?: { readonly price?: unknown };
  readonly takeProfitOnFill?: { readonly price?: unknown };
  readonly clientExtensions?: { readonly id?: unknown };
  readonly tradeClientExtensions?: { readonly id?: unknown; readonly tag?: unknown; readonly comment?: unknown };
}

/** A refusal before anything is created: the v20 `TransactionRejectReason` and a message. */
export interface Refusal {
  readonly reason: string;
  readonly message: string;
}

const isDecimalText = (value: unknown): value is string => typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value);

/** Checks the request itself (400 MARKET_ORDER_REJECT in v20), before any price is looked at. */
export function refuseRequest(body: MarketOrderBody, instrument: EmulatedInstrument | undefined): Refusal | undefined {
  if (body.type !== 'MARKET') return { reason: 'ORDER_TYPE_INVALID', message: 'Only MARKET orders are emulated' };
  if (instrument === undefined)
    return { reason: 'INSTRUMENT_UNKNOWN', message: 'Invalid value specified for instrument' };
  if (!isDecimalText(body.units) || Number(body.units) === 0) {
    return { reason: 'UNITS_INVALID', message: 'Invalid value specified for units' };
  }
  if (!fitsPrecision(body.units, instrument.tradeUnitsPrecision)) {
    return { reason: 'UNITS_PRECISION_EXCEEDED', message: 'The units specified exceed the precision allowed' };
  }
  if (Math.abs(Number(body.units)) < Number(instrument.minimumTradeSize)) {
    // Spelled as in the v20 TransactionRejectReason enum.
    return { reason: 'UNITS_MIMIMUM_NOT_MET', message: 'The units specified are below the minimum trade size' };
  }
  return refuseOnFillPrices(body, instrument);
}

function refuseOnFillPrices(body: MarketOrderBody, instrument: EmulatedInstrument): Refusal | undefined {
  for (const [key, prefix] of [
    ['stopLossOnFill', 'STOP_LOSS_ON_FILL'],
    ['takeProfitOnFill', 'TAKE_PROFIT_ON_FILL'],
  ] as const) {
    const details = body[key];
    if (details === undefined) continue;
    if (!isDecimalText(details.price) || Number(details.price) <= 0) {
      return { reason: `${prefix}_PRICE_INVALID`, message: `Invalid value specified for ${key}.price` };
    }
    if (!fitsPrecision(details.price, instrument.displayPrecision)) {
      return {
        reason: `${prefix}_PRICE_PRECISION_EXCEEDED`,
        message: `The ${key} price exceeds the precision allowed`,
      };
    }
  }
  const tradeId = body.tradeClientExtensions?.id;
  if (tradeId !== undefined && (typeof tradeId !== 'string' || tradeId.length === 0 || tradeId.length > 128)) {
    return { reason: 'CLIENT_TRADE_ID_INVALID', message: 'Invalid value specified for tradeClientExtensions.id' };
  }
  return undefined;
}

/**
 * Why a valid order would be cancelled instead of filled (201 with an `orderCancelTransaction`; the reasons are the
 * v20 `OrderCancelReason` values): a halted market, a trade client id in use, or protection that loses at once.
 */
export function cancelReason(
  units: number,
  quote: Quote,
  stopLoss: number | undefined,
  takeProfit: number | undefined,
  clientIdInUse: boolean,
): string | undefined {
  if (!quote.tradeable) return 'MARKET_HALTED';
  if (clientIdInUse) return 'CLIENT_TRADE_ID_ALREADY_EXISTS';
  const long = units > 0;
  const fill = long ? quote.ask : quote.bid;
  const exit = long ? quote.bid : quote.ask;
  if (stopLoss !== undefined && (long ? stopLoss >= exit : stopLoss <= exit)) return 'STOP_LOSS_ON_FILL_LOSS';
  if (takeProfit !== undefined && (long ? takeProfit <= fill : takeProfit >= fill)) return 'TAKE_PROFIT_ON_FILL_LOSS';
  return undefined;
}

/** Which dependent order, if any, the quote triggers for a trade (bid against a long's orders, ask against a short's). */
export function triggered(
  units: number,
  quote: Quote,
  stopLoss: number | undefined,
  takeProfit: number | undefined,
): 'STOP_LOSS' | 'TAKE_PROFIT' | undefined {
  const long = units > 0;
  const exit = long ? quote.bid : quote.ask;
  if (stopLoss !== undefined && (long ? exit <= stopLoss : exit >= stopLoss)) return 'STOP_LOSS';
  if (takeProfit !== undefined && (long ? exit >= takeProfit : exit <= takeProfit)) return 'TAKE_PROFIT';
  return undefined;
}
