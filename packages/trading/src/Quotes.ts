import type { Direction } from '@zepix/plugin-core';
import type { BrokerAdapter } from '@zepix/broker-api';
import type { ProfitRowsParams, SymbolBook } from '@zepix/symbols';
import type { PositionRow } from './rows.js';
import type { Tick } from './types.js';

/** The price a position would close at: buys sell at the bid, sells buy back at the ask. */
export function exitPrice(direction: Direction, tick: Tick): number {
  return direction === 'buy' ? tick.bid : tick.ask;
}

/** The price a new position would fill at: buys pay the ask, sells get the bid. */
export function entryPrice(direction: Direction, tick: Tick): number {
  return direction === 'buy' ? tick.ask : tick.bid;
}

/**
 * Latest prices: what onPrice and the broker's 'price' events fed in, else asked of the broker. Prices are
 * market data, not counters, so they live in memory; every counter is read from the database.
 */
export class Quotes {
  readonly #ticks = new Map<string, Tick>();
  readonly #broker: BrokerAdapter;
  readonly #symbols: SymbolBook;

  constructor(broker: BrokerAdapter, symbols: SymbolBook) {
    this.#broker = broker;
    this.#symbols = symbols;
  }

  /** Remembers a tick. */
  update(tick: Tick): void {
    this.#ticks.set(tick.symbol, tick);
  }

  /** The latest remembered tick. */
  latest(symbol: string): Tick | undefined {
    return this.#ticks.get(symbol);
  }

  /** A fresh price from the broker, else the latest remembered one. */
  async fresh(symbol: string): Promise<Tick | undefined> {
    try {
      const result = await this.#broker.getPrice(symbol);
      if (result.ok) {
        this.update(result.value);
        return result.value;
      }
    } catch {
      // A broker that cannot quote right now must not break the caller; the remembered tick is the fallback.
    }
    return this.latest(symbol);
  }

  /** Makes sure a price is remembered for each symbol (asks the broker only for the missing ones). */
  async ensure(symbols: Iterable<string>): Promise<void> {
    const missing = [...new Set(symbols)].filter((s) => !this.#ticks.has(s));
    await Promise.all(missing.map((s) => this.fresh(s)));
  }

  /**
   * What valuing the open positions of `symbol` in SQL needs: the prices `unrealized` would close each side at and
   * the symbol's profit terms; undefined when no price is known yet (its positions then count 0, as in `unrealized`).
   */
  valuation(symbol: string): ProfitRowsParams | undefined {
    const tick = this.latest(symbol);
    if (tick === undefined) return undefined;
    return {
      buyExit: exitPrice('buy', tick),
      sellExit: exitPrice('sell', tick),
      ...this.#symbols.profitTerms(symbol),
    };
  }

  /** Profit of an open row at the latest price; 0 when no price is known yet. */
  unrealized(row: PositionRow, tick: Tick | undefined = this.latest(row.symbol)): number {
    if (tick === undefined || row.entry_price === null || row.state !== 'open') return 0;
    return this.#symbols.profit({
      symbol: row.symbol,
      direction: row.direction,
      entry: row.entry_price,
      exit: exitPrice(row.direction, tick),
      lots: row.lots,
    });
  }
}
