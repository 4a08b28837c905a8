/** What the adapter needs of a v20 `Instrument` (decimals arrive as strings). */
export interface InstrumentSpec {
  readonly name: string;
  readonly type: string;
  readonly displayPrecision: number;
  readonly tradeUnitsPrecision: number;
  readonly minimumTradeSize: number;
  /** Units in one lot: 100,000 for currencies, 100 ounces of gold, 5,000 of silver, 1 for anything else. */
  readonly contractSize: number;
}

/** Units per lot by instrument; the notes' and the order path's lot conventions (FX 100,000, XAU 100). */
function contractSize(name: string, type: string): number {
  if (type === 'CURRENCY') return 100_000;
  if (name.startsWith('XAU_')) return 100;
  if (name.startsWith('XAG_')) return 5_000;
  return 1;
}

const round = (value: number, places: number) => Number(value.toFixed(places));

/**
 * The account's tradeable instruments and the mapping between Zepix symbols (`XAUUSD`) and OANDA names
 * (`XAU_USD`): an explicit entry of `symbolMap` first, otherwise the instrument whose name without `_` is the
 * symbol.
 */
export class InstrumentBook {
  readonly #byName = new Map<string, InstrumentSpec>();
  readonly #bySymbol = new Map<string, InstrumentSpec>();
  readonly #symbolOf = new Map<string, string>();

  constructor(instruments: readonly Record<string, unknown>[], symbolMap: Readonly<Record<string, string>> = {}) {
    for (const raw of instruments) {
      const name = String(raw.name);
      const type = String(raw.type);
      const spec: InstrumentSpec = {
        name,
        type,
        displayPrecision: Number(raw.displayPrecision),
        tradeUnitsPrecision: Number(raw.tradeUnitsPrecision),
        minimumTradeSize: Number(raw.minimumTradeSize),
        contractSize: contractSize(name, type),
      };
      this.#byName.set(name, spec);
      this.#bySymbol.set(name.replace('_', ''), spec);
      this.#symbolOf.set(name, name.replace('_', ''));
    }
    for (const [symbol, name] of Object.entries(symbolMap)) {
      const spec = this.#byName.get(name);
      if (spec === undefined) continue;
      this.#bySymbol.set(symbol, spec);
      this.#symbolOf.set(name, symbol);
    }
  }

  /** Every Zepix symbol the account can trade. */
  get symbols(): string[] {
    return [...this.#symbolOf.values()];
  }

  bySymbol(symbol: string): InstrumentSpec | undefined {
    return this.#bySymbol.get(symbol);
  }

  byName(name: string): InstrumentSpec | undefined {
    return this.#byName.get(name);
  }

  /** The Zepix symbol of an OANDA instrument (the instrument's own name with `_` removed when unmapped). */
  symbolOf(name: string): string {
    return this.#symbolOf.get(name) ?? name.replace('_', '');
  }

  /** Lots to units, rounded to the instrument's `tradeUnitsPrecision`. */
  units(spec: InstrumentSpec, lots: number): number {
    return round(lots * spec.contractSize, spec.tradeUnitsPrecision);
  }

  /** Units (any sign) back to lots, without float dust. */
  lots(spec: InstrumentSpec | undefined, units: number): number {
    return round(Math.abs(units) / (spec?.contractSize ?? 1), 8);
  }

  /** A price as v20 wants it: a string with `displayPrecision` places. */
  price(spec: InstrumentSpec, value: number): string {
    return value.toFixed(spec.displayPrecision);
  }
}
