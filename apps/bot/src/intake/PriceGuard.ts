import { priceProblem, SymbolBook } from '@zepix/symbols';
import type { BotConfig } from '../config/configSchema.js';

/** Pip size assumed for a symbol with no spec: the finest in the table, so only absurd prices are refused. */
const FALLBACK_PIP_SIZE = 0.00001;

/**
 * Keeps implausible prices away from the paper market: checks each incoming price against the symbol's spec and
 * the last price accepted for it (alerts and POST /api/prices alike). The memory is per process: after a restart
 * the first price of a symbol is checked against its spec only.
 */
export class PriceGuard {
  readonly #symbols: SymbolBook;
  readonly #maxJump: number | null;
  readonly #last = new Map<string, number>();

  constructor(config: BotConfig) {
    this.#symbols = new SymbolBook({ overrides: config.symbols });
    const percent = config.intake.max_price_jump_percent;
    this.#maxJump = percent === null ? null : percent / 100;
  }

  /** Why the price is implausible for the symbol, or undefined. */
  problem(symbol: string, price: number): string | undefined {
    const pipSize = this.#symbols.get(symbol)?.pipSize ?? FALLBACK_PIP_SIZE;
    const last = this.#last.get(symbol);
    // Stryker disable next-line ConditionalExpression: priceProblem treats an undefined last price as none
    return priceProblem(price, { pipSize, maxJump: this.#maxJump, ...(last === undefined ? {} : { last }) });
  }

  /** Records a price that passed and was stored, as the reference for the next one. */
  remember(symbol: string, price: number): void {
    this.#last.set(symbol, price);
  }
}
