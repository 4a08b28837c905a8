import { err, ok } from '@zepix/plugin-core';
import type { CodedError, Err, MtfTrends, Result, TrendValue } from '@zepix/plugin-core';
import { type FieldCheck, pass, reject, show, truncate } from './issues.js';
import { ParseErrorCode } from './result.js';
import { timeframeMinutes } from './timeframes.js';

/** The two wire orders of multi-timeframe trends: entries send 1D..5m, trend pulses send 1m..1D. */
export const MTF_ORDERS = {
  entry: { labels: '1D,4H,1H,15m,5m', timeframes: [1440, 240, 60, 15, 5] },
  pulse: { labels: '1m,5m,15m,1H,4H,1D', timeframes: [1, 5, 15, 60, 240, 1440] },
} as const;

/** Why a trend list could not be read; `message` says what is wrong and gives an example of a good one. */
export interface MtfTrendsError extends CodedError {
  readonly code: typeof ParseErrorCode.Invalid;
}

/** Result of reading a trend list: the trends keyed by minutes, or why not. */
export type MtfTrendsResult = Result<MtfTrends, MtfTrendsError>;

function invalid(message: string): Err<MtfTrendsError> {
  return err({ code: ParseErrorCode.Invalid, message });
}

/** A trend value from -1, 0, 1 (or their text forms); undefined for anything else. */
export function toTrendValue(value: unknown): TrendValue | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (text === '1' || text === '+1') return 1;
  if (text === '-1') return -1;
  if (text === '0' || text === '-0') return 0;
  return undefined;
}

/** Checks an optional single trend field such as `market_trend`. */
export function checkOptionalTrend(value: unknown): FieldCheck<TrendValue | undefined> {
  if (value === undefined || value === null || value === '') return pass(undefined);
  const trend = toTrendValue(value);
  if (trend === undefined) return reject(`${show(value)} is not a trend; use 1 (bullish), 0 (neutral) or -1 (bearish)`);
  return pass(trend);
}

/** Joins a JSON list into the comma text Pine would have sent; items that are neither text nor numbers become "?". */
export function listText(value: readonly unknown[]): string {
  return value.map((item) => (typeof item === 'string' || typeof item === 'number' ? String(item) : '?')).join(',');
}

/** Splits a comma list; Pine scripts often leave a trailing comma, which is not an extra value. */
export function splitList(value: string): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.length > 1 && items[items.length - 1] === '') items.pop();
  return items;
}

/** Reads comma-separated trends onto timeframes given position by position. */
export function parseTrendList(value: string, timeframes: readonly number[], labels: string): MtfTrendsResult {
  const example = timeframes.map((_, i) => (i % 3 === 2 ? '-1' : '1')).join(',');
  const items = splitList(value);
  if (items.length !== timeframes.length) {
    const got = value.trim() === '' ? 'is empty' : `has ${items.length} values`;
    return invalid(
      `${got} but needs ${timeframes.length}, one per timeframe in the order ${labels}, e.g. "${example}"`,
    );
  }
  const bad = items.flatMap((item, i) => (toTrendValue(item) === undefined ? [`value ${i + 1} (${show(item)})`] : []));
  if (bad.length > 0) {
    const verb = bad.length === 1 ? 'is not a trend' : 'are not trends';
    return invalid(`${bad.join(', ')} ${verb}; each value must be -1, 0 or 1, e.g. "${example}"`);
  }
  const trends: Partial<Record<number, TrendValue>> = {};
  timeframes.forEach((timeframe, i) => {
    trends[timeframe] = toTrendValue(items[i]);
  });
  return ok(trends);
}

/**
 * Reads a multi-timeframe trend string into trends keyed by minutes. `entry` order is 5 values 1D,4H,1H,15m,5m
 * (V3 `mtf_trends`); `pulse` order is 6 values 1m,5m,15m,1H,4H,1D (V3 `current_trends`/`previous_trends`).
 */
export function parseMtfTrends(value: string, order: 'entry' | 'pulse'): MtfTrendsResult {
  if (typeof value !== 'string') return invalid(`must be text such as "1,1,-1,1,1", got ${show(value)}`);
  const { labels, timeframes } = MTF_ORDERS[order];
  return parseTrendList(value, timeframes, labels);
}

/** Reads a list of timeframe labels (`"1m,5m,15m,1H,4H,1D"`, `"5,"`, `"15,60"`) into minutes. */
export function parseTimeframeList(value: string): { ok: true; timeframes: number[] } | { ok: false; message: string } {
  const items = splitList(value).filter((item) => item !== '');
  const timeframes: number[] = [];
  const bad: string[] = [];
  for (const item of items) {
    const minutes = timeframeMinutes(item);
    if (minutes === undefined) bad.push(show(item));
    else timeframes.push(minutes);
  }
  if (bad.length > 0) {
    return {
      ok: false,
      message: `${bad.join(', ')} ${bad.length === 1 ? 'is not a timeframe' : 'are not timeframes'}; list minutes or labels such as "5,15,60" or "1m,5m,15m,1H,4H,1D" (got ${truncate(JSON.stringify(value))})`,
    };
  }
  return { ok: true, timeframes };
}
