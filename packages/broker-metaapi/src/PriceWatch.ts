import type { BrokerEvent, BrokerResult, PriceTick } from '@zepix/broker-api';
import { ok } from './answers.js';
import { FreshCache } from './FreshCache.js';
import type { MetatraderSymbolPrice } from './wire.js';

/**
 * @internal The symbols the adapter watches (those traded or asked for) and their prices. MetaApi's REST API has no
 * price stream: each read is reused for `maxAgeMs`, and a read whose bid or ask changed is emitted as a price event,
 * which is what feeds chains and monitors their ticks.
 */
export class PriceWatch {
  readonly #watched = new Set<string>();
  readonly #lastQuotes = new Map<string, string>();
  readonly #cache: FreshCache<PriceTick>;

  constructor(
    private readonly source: {
      readonly maxAgeMs: number;
      readonly read: (symbol: string) => Promise<BrokerResult<MetatraderSymbolPrice>>;
      readonly emit: (event: BrokerEvent) => void;
    },
  ) {
    this.#cache = new FreshCache(source.maxAgeMs);
  }

  watch(symbol: string): void {
    this.#watched.add(symbol);
  }

  symbols(): string[] {
    return [...this.#watched];
  }

  /** The last read of `symbol` if it is younger than `maxAgeMs`. */
  cached(symbol: string): PriceTick | undefined {
    return this.#cache.get(symbol);
  }

  /** Reads `symbol` afresh, keeps it, and emits it when its bid or ask changed since the last read. */
  async read(symbol: string): Promise<BrokerResult<PriceTick>> {
    const price = await this.source.read(symbol);
    if (!price.ok) return price;
    const { bid, ask, time } = price.value;
    const tick = { symbol, bid, ask, time };
    this.#cache.set(symbol, tick);
    const key = `${bid}/${ask}`;
    if (this.#lastQuotes.get(symbol) !== key) {
      this.#lastQuotes.set(symbol, key);
      this.source.emit({ type: 'price', tick });
    }
    return ok(tick);
  }
}
