import { TradeCode } from '../tradeCodes.js';
import type { MetatraderTradeResponse } from '../wire.js';
import type { EmulatedSymbol } from './emulatorSymbols.js';

type Side = 'buy' | 'sell';

interface Quote {
  readonly bid: number;
  readonly ask: number;
}

const refuse = (code: (typeof TradeCode)[keyof typeof TradeCode], message: string): MetatraderTradeResponse => ({
  ...code,
  message,
});

/** Market closed (10018) or no quote yet (treated the same: the trade server cannot fill). */
export function checkOpen(
  spec: EmulatedSymbol,
  quote: Quote | undefined,
  closed: boolean,
): MetatraderTradeResponse | undefined {
  if (closed) return refuse(TradeCode.marketClosed, `Market closed for ${spec.symbol}`);
  if (quote === undefined) return refuse(TradeCode.marketClosed, `No quotes for ${spec.symbol}`);
  return undefined;
}

/** 10014 unless minVolume ≤ volume ≤ maxVolume and volume is a whole number of volumeSteps. */
export function checkVolume(spec: EmulatedSymbol, volume: number): MetatraderTradeResponse | undefined {
  const steps = volume / spec.volumeStep;
  const onStep = Math.abs(steps - Math.round(steps)) < 1e-7;
  if (volume < spec.minVolume || volume > spec.maxVolume || !onStep) {
    return refuse(
      TradeCode.invalidVolume,
      `Invalid volume ${volume} for ${spec.symbol}: min ${spec.minVolume}, max ${spec.maxVolume}, step ${spec.volumeStep}`,
    );
  }
  return undefined;
}

/**
 * 10016 when a level is on the wrong side of the price the position would close at (bid for a buy, ask for a
 * sell), the way MetaTrader checks stops.
 */
export function checkStops(
  side: Side,
  quote: Quote | undefined,
  levels: { readonly stopLoss?: number; readonly takeProfit?: number },
): MetatraderTradeResponse | undefined {
  if (quote === undefined) return undefined;
  const exit = side === 'buy' ? quote.bid : quote.ask;
  const sign = side === 'buy' ? 1 : -1;
  const badSl = levels.stopLoss !== undefined && sign * (exit - levels.stopLoss) <= 0;
  const badTp = levels.takeProfit !== undefined && sign * (levels.takeProfit - exit) <= 0;
  if (badSl || badTp) {
    return refuse(
      TradeCode.invalidStops,
      `Invalid stops: ${badSl ? `stop loss ${levels.stopLoss}` : `take profit ${levels.takeProfit}`} against ${exit}`,
    );
  }
  return undefined;
}

/** Profit of `volume` lots from `open` to `close`, converted to the account currency when the quote is not it. */
export function profitOf(
  spec: EmulatedSymbol,
  side: Side,
  volume: number,
  open: number,
  close: number,
  accountCurrency: string,
): number {
  const raw = (side === 'buy' ? close - open : open - close) * volume * spec.contractSize;
  if (spec.profitCurrency === accountCurrency) return raw;
  // USDJPY on a USD account: the profit is in JPY, one USD costs `close` JPY.
  if (spec.symbol.startsWith(accountCurrency)) return raw / close;
  return raw;
}

/** Margin in the account currency at the account's leverage. */
export function marginFor(
  spec: EmulatedSymbol,
  volume: number,
  price: number,
  account: { readonly leverage: number; readonly currency: string },
): number {
  const notional = volume * spec.contractSize * (spec.symbol.startsWith(account.currency) ? 1 : price);
  return notional / account.leverage;
}

/**
 * clientIdUsage: "the ${orderId} part may be replaced by the MetaApi application with the MT order id for trades
 * resulting from take profit or stop loss execution" — the emulator does exactly that, so clients must match on the
 * strategy and position parts.
 */
export function stopClientId(clientId: string, reason: string, orderId: string): string {
  if (reason !== 'DEAL_REASON_SL' && reason !== 'DEAL_REASON_TP') return clientId;
  const parts = clientId.split('_');
  if (parts.length !== 3) return clientId;
  return `${parts[0]}_${parts[1]}_${orderId}`.slice(0, 26);
}

export const round2 = (value: number) => Math.round(value * 100) / 100;
export const roundVolume = (value: number) => Math.round(value * 1e8) / 1e8;

/** A time as the broker's wall clock shows it (MetaApi's `brokerTime` format, YYYY-MM-DD HH:mm:ss.SSS). */
export function brokerTimeOf(time: Date, offsetHours: number): string {
  return new Date(time.getTime() + offsetHours * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
}
