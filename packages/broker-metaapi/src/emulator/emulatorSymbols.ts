import type { MetatraderSymbolSpecification } from '../wire.js';

/** A symbol of the emulated account: MetaApi's specification plus what the emulator needs to value a position. */
export interface EmulatedSymbol extends MetatraderSymbolSpecification {
  /** The currency profit is counted in before conversion to the account currency. */
  readonly profitCurrency: string;
}

const fx = (symbol: string, digits: number): EmulatedSymbol => ({
  symbol,
  tickSize: 10 ** -digits,
  minVolume: 0.01,
  maxVolume: 100,
  volumeStep: 0.01,
  contractSize: 100_000,
  digits,
  tradeMode: 'SYMBOL_TRADE_MODE_FULL',
  executionMode: 'SYMBOL_TRADE_EXECUTION_MARKET',
  fillingModes: ['ORDER_FILLING_FOK', 'ORDER_FILLING_IOC'],
  profitCurrency: symbol.slice(3, 6),
});

const gold = (symbol: string): EmulatedSymbol => ({
  ...fx(symbol, 2),
  contractSize: 100,
  maxVolume: 50,
  profitCurrency: 'USD',
});

/** The symbols an emulated account offers unless the test passes its own: majors, gold and two broker namings. */
export const DEFAULT_EMULATED_SYMBOLS: readonly EmulatedSymbol[] = [
  fx('EURUSD', 5),
  fx('GBPUSD', 5),
  fx('AUDUSD', 5),
  fx('USDJPY', 3),
  fx('USDCAD', 5),
  gold('XAUUSD'),
  gold('XAUUSD.m'),
  gold('GOLD'),
];
