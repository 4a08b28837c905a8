import type { EntryAlert, ExitAlert, ReversalAlert, SqueezeAlert, TrendAlert, TrendPulseAlert } from '../alerts.js';

type Overrides<T> = Partial<Omit<T, 'kind'>>;

const base = { family: 'legacy' as const, symbol: 'XAUUSD', rawSymbol: 'XAUUSD', timeframe: 5, raw: {} };

/** A normalised entry alert (XAUUSD, 5m, buy at 2650) with any field overridden. */
export function entryAlert(overrides: Overrides<EntryAlert> = {}): EntryAlert {
  return { ...base, direction: 'buy', price: 2650, levels: {}, ...overrides, kind: 'entry' };
}

/** A normalised exit alert that closes buys on XAUUSD. */
export function exitAlert(overrides: Overrides<ExitAlert> = {}): ExitAlert {
  return { ...base, closeSide: 'buy', ...overrides, kind: 'exit' };
}

/** A normalised reversal alert to sell XAUUSD. */
export function reversalAlert(overrides: Overrides<ReversalAlert> = {}): ReversalAlert {
  return { ...base, direction: 'sell', price: 2650, levels: {}, ...overrides, kind: 'reversal' };
}

/** A normalised trend alert (bullish, 15m). */
export function trendAlert(overrides: Partial<TrendAlert> = {}): TrendAlert {
  return { ...base, timeframe: 15, trend: 1, kind: 'trend', ...overrides };
}

/** A normalised squeeze alert. */
export function squeezeAlert(overrides: Overrides<SqueezeAlert> = {}): SqueezeAlert {
  return { ...base, family: 'v3', timeframe: 15, ...overrides, kind: 'squeeze' };
}

/** A normalised trend-pulse alert where 5m turned bearish. */
export function trendPulseAlert(overrides: Overrides<TrendPulseAlert> = {}): TrendPulseAlert {
  return {
    ...base,
    family: 'v3',
    timeframe: 15,
    currentTrends: { 1: -1, 5: -1, 15: 1, 60: 1, 240: 1, 1440: 1 },
    changedTimeframes: [5],
    ...overrides,
    kind: 'trend_pulse',
  };
}
