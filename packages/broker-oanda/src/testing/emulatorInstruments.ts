/**
 * The instruments the emulator trades, shaped like the v20 `Instrument` definition
 * (https://developer.oanda.com/rest-live-v20/primitives-df/#Instrument, json/v20.json `definitions.Instrument`):
 * `pipLocation`, `displayPrecision`, `tradeUnitsPrecision` and `minimumTradeSize` as OANDA publishes them for
 * these names. Decimal fields are strings on the wire.
 */
export interface EmulatedInstrument {
  readonly name: string;
  readonly type: 'CURRENCY' | 'METAL' | 'CFD';
  readonly displayName: string;
  readonly pipLocation: number;
  readonly displayPrecision: number;
  readonly tradeUnitsPrecision: number;
  readonly minimumTradeSize: string;
  readonly maximumOrderUnits: string;
  readonly marginRate: string;
}

const currency = (name: string, pipLocation: number, displayPrecision: number): EmulatedInstrument => ({
  name,
  type: 'CURRENCY',
  displayName: name.replace('_', '/'),
  pipLocation,
  displayPrecision,
  tradeUnitsPrecision: 0,
  minimumTradeSize: '1',
  maximumOrderUnits: '100000000',
  marginRate: '0.0333',
});

/** EUR/USD, GBP/USD, USD/JPY, USD/CAD and gold: enough for the order path's symbols. */
export const DEFAULT_INSTRUMENTS: readonly EmulatedInstrument[] = [
  currency('EUR_USD', -4, 5),
  currency('GBP_USD', -4, 5),
  currency('USD_JPY', -2, 3),
  currency('USD_CAD', -4, 5),
  {
    name: 'XAU_USD',
    type: 'METAL',
    displayName: 'Gold',
    pipLocation: -2,
    displayPrecision: 3,
    tradeUnitsPrecision: 0,
    minimumTradeSize: '1',
    maximumOrderUnits: '5000',
    marginRate: '0.05',
  },
];

/** Converts a P/L in the instrument's quote currency to USD at `price` (the emulated accounts are all USD). */
export function quoteToUsd(instrument: string, amount: number, price: number): number {
  if (instrument.endsWith('_USD')) return amount;
  if (instrument.startsWith('USD_')) return amount / price;
  throw new Error(`the emulator converts only *_USD and USD_* instruments to USD, not ${instrument}`);
}
