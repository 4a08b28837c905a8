import { DEFAULT_SYMBOL_SPECS } from './specs.js';
import type { SymbolSpec } from './specs.js';

/** Looks up the mid price of a pair such as USDJPY, for converting quote-currency amounts; undefined if unknown. */
export type RateLookup = (pair: string) => number | undefined;

/** What `profit` multiplies a price move by; with `profitRowsSql`, values many positions of a symbol in one query. */
export interface ProfitTerms {
  readonly pipSize: number;
  /** USD per pip per lot at the live rate, as `pipValuePerLot` gives it. */
  readonly pipValuePerLot: number;
}

/** Thrown for a symbol with no spec: nothing can be sized or priced without one. */
export class UnknownSymbolError extends Error {
  readonly code = 'ZEPIX_SYMBOL_UNKNOWN';
  constructor(symbol: string, known: readonly string[]) {
    super(
      `no symbol spec for "${symbol}"; known: ${known.join(', ')}. Fix: add it under symbols in zepix.config.json or map it with intake.symbol_map`,
    );
    this.name = 'UnknownSymbolError';
  }
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** The symbol table and every pip calculation; account currency is USD. */
export class SymbolBook {
  readonly #specs: Readonly<Record<string, SymbolSpec>>;
  readonly #rates: RateLookup;

  constructor(
    options: { readonly overrides?: Readonly<Record<string, Partial<SymbolSpec>>>; readonly rates?: RateLookup } = {},
  ) {
    const merged: Record<string, SymbolSpec> = { ...DEFAULT_SYMBOL_SPECS };
    for (const [symbol, patch] of Object.entries(options.overrides ?? {})) {
      const base = merged[symbol] ?? DEFAULT_SYMBOL_SPECS.EURUSD!;
      merged[symbol] = { ...base, ...patch, symbol };
    }
    this.#specs = merged;
    this.#rates = options.rates ?? (() => undefined);
  }

  /** The spec, or undefined. */
  get(symbol: string): SymbolSpec | undefined {
    return this.#specs[symbol];
  }

  /** The spec; UnknownSymbolError when there is none. */
  require(symbol: string): SymbolSpec {
    const spec = this.#specs[symbol];
    if (!spec) throw new UnknownSymbolError(symbol, this.symbols());
    return spec;
  }

  /** Known symbols, sorted. */
  symbols(): string[] {
    return Object.keys(this.#specs).sort();
  }

  /** A price distance in pips (unsigned), to a tenth of a pip. */
  toPips(symbol: string, distance: number): number {
    return round(Math.abs(distance) / this.require(symbol).pipSize, 1);
  }

  /** Pips as a price distance. */
  fromPips(symbol: string, pips: number): number {
    const spec = this.require(symbol);
    return round(pips * spec.pipSize, 10);
  }

  /** USD value of one pip for one lot, converted at the live rate when known. */
  pipValuePerLot(symbol: string): number {
    const spec = this.require(symbol);
    const quoteValue = spec.pipSize * spec.contractSize;
    const usd = this.#toUsd(spec.quoteCurrency, quoteValue);
    return usd ?? spec.pipValuePerLot;
  }

  /** The pip size and live pip value per lot that `profit` uses for this symbol (see `profitRowsSql`). */
  profitTerms(symbol: string): ProfitTerms {
    return { pipSize: this.require(symbol).pipSize, pipValuePerLot: this.pipValuePerLot(symbol) };
  }

  /** Profit in USD of moving `lots` from `entry` to `exit` in `direction` (negative for a loss). */
  profit(options: {
    readonly symbol: string;
    readonly direction: 'buy' | 'sell';
    readonly entry: number;
    readonly exit: number;
    readonly lots: number;
  }): number {
    const { symbol, direction, entry, exit, lots } = options;
    // profitRowsSql repeats these exact operations in SQL; change both together.
    const { pipSize, pipValuePerLot } = this.profitTerms(symbol);
    const signedPips = ((exit - entry) * (direction === 'buy' ? 1 : -1)) / pipSize;
    return round(signedPips * pipValuePerLot * lots, 2);
  }

  /** Lots rounded down to the symbol's step, never below its minimum. */
  normalizeLots(symbol: string, lots: number): number {
    const spec = this.require(symbol);
    const stepped = Math.floor(round(lots / spec.lotStep, 6)) * spec.lotStep;
    return round(Math.max(spec.minLot, stepped), 2);
  }

  #toUsd(currency: string, amount: number): number | undefined {
    if (currency === 'USD') return amount;
    const usdQuote = this.#rates(`USD${currency}`);
    if (usdQuote) return amount / usdQuote;
    const quoteUsd = this.#rates(`${currency}USD`);
    return quoteUsd ? amount * quoteUsd : undefined;
  }
}
