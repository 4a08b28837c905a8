import type { EntryAlert, ExitAlert, TrendPulseAlert } from '@zepix/plugin-core';
import { entryAlert, exitAlert, trendPulseAlert } from '@zepix/plugin-core/testing';

/** Fields of a BULLISH_ENTRY/BEARISH_ENTRY beyond the alert's own. */
export interface V6EntryFields {
  readonly timeframe?: number;
  readonly direction?: 'buy' | 'sell';
  readonly price?: number;
  readonly score?: number;
  readonly adx?: number | 'NA';
  readonly sl?: number;
  readonly tp1?: number;
  readonly tp2?: number;
  readonly tp3?: number;
  readonly symbol?: string;
}

/** A parsed V6 entry as the alert parser makes it (XAUUSD buy at 2030.50, score 85, ADX 25.5, full levels). */
export function v6Entry(fields: V6EntryFields = {}): EntryAlert {
  const direction = fields.direction ?? 'buy';
  const sign = direction === 'buy' ? 1 : -1;
  const price = fields.price ?? 2030.5;
  const levels = {
    sl: fields.sl ?? price - sign * 2.5,
    tp1: fields.tp1 ?? price + sign * 1.5,
    tp2: fields.tp2 ?? price + sign * 4.5,
    ...(fields.tp3 === undefined ? {} : { tp3: fields.tp3 }),
  };
  return entryAlert({
    family: 'v6',
    signalType: direction === 'buy' ? 'BULLISH_ENTRY' : 'BEARISH_ENTRY',
    symbol: fields.symbol ?? 'XAUUSD',
    rawSymbol: fields.symbol ?? 'XAUUSD',
    timeframe: fields.timeframe ?? 5,
    direction,
    price,
    levels,
    confidence: 'HIGH',
    raw: { score: String(fields.score ?? 85), adx: String(fields.adx ?? 25.5) },
  });
}

/** A parsed V6 TREND_PULSE with its counts. */
export function v6Pulse(bulls: number, bears: number, timeframe = 15, symbol = 'XAUUSD'): TrendPulseAlert {
  return trendPulseAlert({
    family: 'v6',
    symbol,
    rawSymbol: symbol,
    timeframe,
    currentTrends: {},
    changedTimeframes: [],
    raw: { bullish_count: String(bulls), bearish_count: String(bears) },
  });
}

/** A parsed EXIT_BULLISH / EXIT_BEARISH closing `closeSide`. */
export function v6Exit(closeSide: 'buy' | 'sell', timeframe = 5): ExitAlert {
  return exitAlert({
    family: 'v6',
    timeframe,
    closeSide,
    signalType: closeSide === 'sell' ? 'EXIT_BULLISH' : 'EXIT_BEARISH',
  });
}
