import { roundHalfUp } from '@zepix/plugin-core';
import type { Direction, SymbolSpec } from '@zepix/plugin-core';
import type { TrendLogicConfig } from './config.js';

/** A base stop distance and where it came from. */
export interface BaseStop {
  readonly pips: number;
  readonly source: 'symbol' | 'metals' | 'forex';
}

/** Entry, stop and target for one order, with the pip maths behind them. */
export interface StopLevels {
  readonly entryPrice: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
  readonly slPips: number;
  readonly tpPips: number;
  readonly pipSize: number;
}

const METALS = /^(XAU|XAG|GOLD|SILVER)/;
const FOREX_PAIR = /^[A-Z]{6}$/;

/**
 * The base SL in pips: a per-symbol setting, else the symbol's class (metals, six-letter forex pairs). Other
 * symbols (indices, crypto) get none rather than a forex guess, so they must be configured explicitly.
 */
export function baseStopPips(symbol: string, settings: TrendLogicConfig['stop_loss']): BaseStop | undefined {
  const own = settings.symbols[symbol];
  if (own !== undefined) return { pips: own, source: 'symbol' };
  const upper = symbol.toUpperCase();
  if (METALS.test(upper)) return { pips: settings.metals_pips, source: 'metals' };
  if (FOREX_PAIR.test(upper)) return { pips: settings.forex_pips, source: 'forex' };
  return undefined;
}

/** Rounds to a tenth of a pip (the broker's point), half up, immune to binary float noise. */
function toPoint(price: number, pipSize: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(pipSize))) + 1;
  return roundHalfUp(price, decimals);
}

/**
 * SL = entry ∓ pips × pipSize and TP = entry ± pips × RR × pipSize, the inverse of `market.toPips` (distance ÷
 * pip size). The stop never comes closer than the symbol's `minStopPips`, which the broker would refuse.
 */
export function computeStops(options: {
  readonly direction: Direction;
  readonly entryPrice: number;
  readonly basePips: number;
  readonly slMultiplier: number;
  readonly riskReward: number;
  readonly spec: SymbolSpec;
}): StopLevels {
  const { direction, entryPrice, spec } = options;
  const slPips = Math.max(options.basePips * options.slMultiplier, spec.minStopPips);
  const tpPips = slPips * options.riskReward;
  const sign = direction === 'buy' ? 1 : -1;
  return {
    entryPrice,
    stopLoss: toPoint(entryPrice - sign * slPips * spec.pipSize, spec.pipSize),
    takeProfit: toPoint(entryPrice + sign * tpPips * spec.pipSize, spec.pipSize),
    slPips,
    tpPips,
    pipSize: spec.pipSize,
  };
}
