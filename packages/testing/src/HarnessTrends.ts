import type { Direction, MtfTrends, TrendService } from '@zepix/plugin-core';

/** A trend store in memory: what trend alerts would have stored, per symbol and timeframe (minutes). */
export class HarnessTrends implements TrendService {
  readonly #trends = new Map<string, MtfTrends>();

  set(symbol: string, trends: MtfTrends): void {
    this.#trends.set(symbol, { ...this.#trends.get(symbol), ...trends });
  }

  getTrends(options: { readonly symbol: string }): Promise<MtfTrends> {
    return Promise.resolve(this.#trends.get(options.symbol) ?? {});
  }

  getTrend(options: { readonly symbol: string; readonly timeframe: number }) {
    return Promise.resolve(this.#trends.get(options.symbol)?.[options.timeframe]);
  }

  /** As the bot's store: a timeframe agrees when its trend is the direction's sign; neutral never agrees. */
  checkAlignment(options: {
    readonly symbol: string;
    readonly direction: Direction;
    readonly timeframes: readonly number[];
    readonly minAgreeing?: number;
  }) {
    const want = options.direction === 'buy' ? 1 : -1;
    const stored = this.#trends.get(options.symbol) ?? {};
    const agreeing = options.timeframes.filter((tf) => stored[tf] === want).length;
    const needed = options.minAgreeing ?? options.timeframes.length;
    const detail = options.timeframes.map((tf) => `${tf}m:${stored[tf] ?? '?'}`).join(' ');
    return Promise.resolve({ aligned: agreeing >= needed, agreeing, detail });
  }
}
