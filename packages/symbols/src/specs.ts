import type { SymbolSpec as PluginSymbolSpec } from '@zepix/plugin-core';

/** Everything Zepix knows about a symbol; the plugin-facing fields plus what pip maths needs. */
export interface SymbolSpec extends PluginSymbolSpec {
  /** Currency the price is quoted in; profit is converted from it into the account currency. */
  readonly quoteCurrency: string;
  readonly minLot: number;
  readonly lotStep: number;
}

const fx = (symbol: string, quote: string, pipSize: number, pipValuePerLot: number): SymbolSpec => ({
  symbol,
  pipSize,
  pipValuePerLot,
  contractSize: 100_000,
  minStopPips: 5,
  quoteCurrency: quote,
  minLot: 0.01,
  lotStep: 0.01,
});

/**
 * The original bot's table. Pip values are USD per lot at typical rates (USDJPY ≈ 110, USDCAD ≈ 1.37); when a
 * conversion price is known, `pipValuePerLot` in SymbolBook computes the exact figure instead.
 */
export const DEFAULT_SYMBOL_SPECS: Readonly<Record<string, SymbolSpec>> = {
  EURUSD: fx('EURUSD', 'USD', 0.0001, 10),
  GBPUSD: fx('GBPUSD', 'USD', 0.0001, 10),
  AUDUSD: fx('AUDUSD', 'USD', 0.0001, 10),
  NZDUSD: fx('NZDUSD', 'USD', 0.0001, 10),
  USDCAD: fx('USDCAD', 'CAD', 0.0001, 7.3),
  USDJPY: fx('USDJPY', 'JPY', 0.01, 9.1),
  EURJPY: fx('EURJPY', 'JPY', 0.01, 9.1),
  GBPJPY: fx('GBPJPY', 'JPY', 0.01, 9.1),
  AUDJPY: fx('AUDJPY', 'JPY', 0.01, 9.1),
  XAUUSD: {
    symbol: 'XAUUSD',
    pipSize: 0.01,
    pipValuePerLot: 1,
    contractSize: 100,
    minStopPips: 20,
    quoteCurrency: 'USD',
    minLot: 0.01,
    lotStep: 0.01,
  },
};
