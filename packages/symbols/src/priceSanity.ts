/** The most pips a price may hold (a billion): far above any real quote, far below 1e308 or 2^53. */
const MAX_PIPS = 1e9;

/** How far a price may be from the last known one, and that last one. */
export interface PriceContext {
  /** The symbol's pip size; the price must be at least one pip and at most a billion pips. */
  readonly pipSize: number;
  /** The last price accepted for the symbol, if any. */
  readonly last?: number;
  /** Largest move from `last` allowed, as a fraction (0.5 = 50 %); null checks no move. */
  readonly maxJump: number | null;
}

/**
 * Why a price is not plausible for a symbol, or undefined when it is: not a finite positive number, beyond double
 * precision's exact integers, under one pip, over a billion pips, or further from the last known price than
 * `maxJump` allows (up or down, measured as a ratio so a halving and a doubling count alike).
 */
export function priceProblem(price: number, context: PriceContext): string | undefined {
  if (!Number.isFinite(price) || price <= 0) return `${price} is not a positive finite number`;
  if (price > Number.MAX_SAFE_INTEGER) return `${price} is beyond the precision of a number (2^53)`;
  if (price < context.pipSize) return `${price} is less than one pip (${context.pipSize})`;
  if (price / context.pipSize > MAX_PIPS) return `${price} is more than a billion pips (${context.pipSize} each)`;
  const { last, maxJump } = context;
  if (last === undefined || maxJump === null) return undefined;
  const ratio = price > last ? price / last : last / price;
  if (ratio > 1 + maxJump) {
    return `${price} is ${Math.round((price / last - 1) * 100)} % away from the last known price ${last} (the limit is ${Math.round(maxJump * 100)} %)`;
  }
  return undefined;
}
