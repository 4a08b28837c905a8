import type { CloseReason, PriceTick, Side } from '@zepix/broker-api';
import type { SymbolBook } from '@zepix/symbols';
import { PaperBrokerError, PaperCode } from './results.js';

/** Spread in pips per symbol, with `default` for symbols not named. */
export type SpreadPips = Readonly<Record<string, number>> & { readonly default?: number };

/** One pip on FX pairs (0.0001 on EURUSD, 0.01 on USDJPY) and 20 pips on gold (0.20 USD per ounce). */
export const DEFAULT_SPREAD_PIPS: SpreadPips = Object.freeze({ default: 1, XAUUSD: 20 });

/** A new price: either `mid` (the spread is applied around it) or an explicit `bid` and `ask`. */
export interface PriceUpdate {
  readonly symbol: string;
  readonly mid?: number;
  readonly bid?: number;
  readonly ask?: number;
  /** ISO time of the price; defaults to the broker's clock. */
  readonly time?: string;
}

// Prices are rounded to 10 places so that mid ± half a spread does not leave float dust in stored levels.
const round10 = (value: number) => Math.round(value * 1e10) / 1e10;

const isPositive = (value: number | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Merges the caller's spreads over the defaults and refuses negative or non-numeric ones. */
export function resolveSpreads(custom: SpreadPips | undefined): SpreadPips {
  const merged: Record<string, number> = { ...DEFAULT_SPREAD_PIPS, ...custom };
  for (const [symbol, pips] of Object.entries(merged)) {
    if (!Number.isFinite(pips) || pips < 0) {
      throw new RangeError(`spreadPips.${symbol} must be a number of pips ≥ 0, got ${String(pips)}`);
    }
  }
  return merged;
}

/** The spread of a symbol in pips: its own entry, else `default`, else 0. */
export function spreadPipsFor(spreads: SpreadPips, symbol: string): number {
  return spreads[symbol] ?? spreads.default ?? 0;
}

/** Turns an update into a tick; throws PaperBrokerError ZEPIX_PAPER_INVALID_PRICE for anything unusable. */
export function buildTick(update: PriceUpdate, symbols: SymbolBook, spreads: SpreadPips, time: string): PriceTick {
  const { symbol, mid, bid, ask } = update;
  symbols.require(symbol);
  const invalid = (why: string) =>
    new PaperBrokerError(PaperCode.invalidPrice, `price update for ${symbol} refused: ${why}`);
  if (mid !== undefined) {
    if (bid !== undefined || ask !== undefined) throw invalid('give either mid or bid and ask, not both');
    if (!isPositive(mid)) throw invalid(`mid must be a positive number, got ${String(mid)}`);
    const half = symbols.fromPips(symbol, spreadPipsFor(spreads, symbol) / 2);
    return { symbol, bid: round10(mid - half), ask: round10(mid + half), time };
  }
  if (!isPositive(bid) || !isPositive(ask)) {
    throw invalid(`give mid, or both bid and ask as positive numbers (got bid ${String(bid)}, ask ${String(ask)})`);
  }
  if (bid > ask) throw invalid(`bid ${bid} is above ask ${ask}`);
  return { symbol, bid, ask, time };
}

/** Where a new trade fills: buys pay the ask, sells receive the bid. */
export function entryPrice(tick: PriceTick, direction: Side): number {
  return direction === 'buy' ? tick.ask : tick.bid;
}

/** Where an open trade is valued and closed: a buy sells at the bid, a sell buys back at the ask. */
export function exitPrice(tick: PriceTick, direction: Side): number {
  return direction === 'buy' ? tick.bid : tick.ask;
}

/** The stops to check, and the price they must sit on the right side of. */
export interface StopsCheck {
  readonly direction: Side;
  readonly reference: number;
  readonly referenceName: string;
  readonly stopLoss?: number | undefined;
  readonly takeProfit?: number | undefined;
}

/** Why the stops are unusable, or undefined: a buy's SL must be below the reference and its TP above (mirrored for sells). */
export function stopsProblem(check: StopsCheck): string | undefined {
  const { direction, reference, referenceName, stopLoss, takeProfit } = check;
  for (const [name, level] of [
    ['stop loss', stopLoss],
    ['take profit', takeProfit],
  ] as const) {
    if (level !== undefined && !isPositive(level)) return `${name} must be a positive price, got ${String(level)}`;
  }
  const below = direction === 'buy' ? 'below' : 'above';
  const above = direction === 'buy' ? 'above' : 'below';
  const slWrong = stopLoss !== undefined && (direction === 'buy' ? stopLoss >= reference : stopLoss <= reference);
  if (slWrong) return `a ${direction}'s stop loss must be ${below} the ${referenceName} ${reference}, got ${stopLoss}`;
  const tpWrong = takeProfit !== undefined && (direction === 'buy' ? takeProfit <= reference : takeProfit >= reference);
  if (tpWrong) {
    return `a ${direction}'s take profit must be ${above} the ${referenceName} ${reference}, got ${takeProfit}`;
  }
  return undefined;
}

/** The protective levels of an open trade. */
export interface Protection {
  readonly direction: Side;
  readonly stopLoss: number | null;
  readonly takeProfit: number | null;
}

/**
 * The level a tick crosses, if any. A buy is watched on the bid (SL when bid ≤ SL, TP when bid ≥ TP), a sell on
 * the ask (SL when ask ≥ SL, TP when ask ≤ TP). The fill is the level itself, not the gapped price, so results
 * do not depend on how sparse the price feed is. SL is checked first: when in doubt, assume the worse outcome.
 */
export function crossedLevel(trade: Protection, tick: PriceTick): { reason: CloseReason; price: number } | undefined {
  const { direction, stopLoss, takeProfit } = trade;
  const watched = exitPrice(tick, direction);
  const sign = direction === 'buy' ? 1 : -1;
  if (stopLoss !== null && sign * (watched - stopLoss) <= 0) return { reason: 'sl', price: stopLoss };
  if (takeProfit !== null && sign * (watched - takeProfit) >= 0) return { reason: 'tp', price: takeProfit };
  return undefined;
}
