import { type FieldCheck, pass, reject, show } from './issues.js';

/** Legacy `tf` labels and their minutes; DESIGN §5 names 5m, 15m, 1h and 1d, the rest cost nothing to accept. */
const LEGACY_TIMEFRAMES: ReadonlyMap<string, number> = new Map([
  ['1m', 1],
  ['5m', 5],
  ['15m', 15],
  ['30m', 30],
  ['1h', 60],
  ['4h', 240],
  ['1d', 1440],
]);

/** Chart intervals, in minutes, accepted from V3 and V6 alerts: TradingView's standard ones up to daily. */
export const CHART_MINUTES: readonly number[] = [1, 3, 5, 15, 30, 45, 60, 120, 180, 240, 1440];

const UNIT_MINUTES: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['m', 1],
  ['h', 60],
  ['d', 1440],
]);

const LEGACY_HINT = 'use one of 5m, 15m, 1h, 1d (1m, 30m and 4h also work)';
const CHART_HINT = `send the chart interval in minutes (${CHART_MINUTES.join(', ')}) or "1D" for daily, as Pine's timeframe.period gives it`;

/**
 * Minutes for a timeframe written as TradingView or a trader would: `"5"`, `5`, `"15m"`, `"1H"`, `"4h"`, `"D"`,
 * `"1D"`. Undefined when it is none of the supported chart intervals.
 */
export function timeframeMinutes(value: unknown): number | undefined {
  if (typeof value === 'number') return CHART_MINUTES.includes(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  const match = /^(\d{0,5})([mhd]?)$/.exec(text === 'd' ? '1d' : text);
  // No digits ("m", "h") give Number('') = 0 minutes, which is no chart interval.
  if (!match) return undefined;
  // Stryker disable next-line StringLiteral: the unit group always takes part in the match, maybe empty
  const minutes = Number(match[1]) * (UNIT_MINUTES.get(match[2] ?? '') ?? Number.NaN);
  return CHART_MINUTES.includes(minutes) ? minutes : undefined;
}

/** Checks a legacy `tf` label (5m, 15m, 1h, 1d, ...) and returns minutes. */
export function checkLegacyTimeframe(value: unknown): FieldCheck<number> {
  if (value === undefined || value === null) return reject(`is missing; ${LEGACY_HINT}`);
  const minutes = typeof value === 'string' ? LEGACY_TIMEFRAMES.get(value.trim().toLowerCase()) : undefined;
  if (minutes === undefined) return reject(`${show(value)} is not a supported timeframe; ${LEGACY_HINT}`);
  return pass(minutes);
}

/** Checks a V3/V6 chart timeframe (minutes as text or number, or "1D") and returns minutes. */
export function checkChartTimeframe(value: unknown): FieldCheck<number> {
  if (value === undefined || value === null || value === '') return reject(`is missing; ${CHART_HINT}`);
  const minutes = timeframeMinutes(value);
  if (minutes === undefined) return reject(`${show(value)} is not a supported timeframe; ${CHART_HINT}`);
  return pass(minutes);
}
