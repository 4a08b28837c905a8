import type { Direction } from '@zepix/plugin-core';
import type { TrendChecker } from '../types.js';

/** A trend checker for tests: answers aligned or not per symbol (default: aligned) and records every check. */
export class StubTrends implements TrendChecker {
  readonly checks: { symbol: string; direction: Direction; timeframes: readonly number[] }[] = [];
  readonly #aligned = new Map<string, boolean>();
  #default = true;

  /** Sets the answer for one symbol, or for every symbol without its own answer when `symbol` is omitted. */
  setAligned(aligned: boolean, symbol?: string): void {
    if (symbol === undefined) this.#default = aligned;
    else this.#aligned.set(symbol, aligned);
  }

  checkAlignment(options: {
    readonly symbol: string;
    readonly direction: Direction;
    readonly timeframes: readonly number[];
  }): Promise<{ aligned: boolean; agreeing: number; detail: string }> {
    this.checks.push({ symbol: options.symbol, direction: options.direction, timeframes: options.timeframes });
    const aligned = this.#aligned.get(options.symbol) ?? this.#default;
    const agreeing = aligned ? options.timeframes.length : 0;
    return Promise.resolve({
      aligned,
      agreeing,
      detail: `${agreeing}/${options.timeframes.length} timeframes agree (stub)`,
    });
  }
}
