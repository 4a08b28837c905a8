import type { MtfTrends } from '@zepix/plugin-core';
import { type ParseIssue, show } from './issues.js';
import { MTF_ORDERS, listText, parseTimeframeList, parseTrendList } from './mtfTrends.js';

/** The multi-timeframe part of a V3 trend pulse, or the issues that stop it. */
export interface PulseTrends {
  readonly issues: ParseIssue[];
  readonly currentTrends: MtfTrends;
  readonly previousTrends?: MtfTrends | undefined;
  readonly changedTimeframes: number[];
}

interface Order {
  readonly timeframes: readonly number[];
  readonly labels: string;
}

/** Lists arrive as text from Pine, but a hand-written alert may send a JSON list; both read the same. */
function asListText(value: unknown): unknown {
  return Array.isArray(value) ? listText(value) : typeof value === 'number' ? String(value) : value;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** `trend_labels` says which timeframe each position is; it wins over the documented 1m..1D order. */
function readOrder(value: unknown, issues: ParseIssue[]): Order {
  const fallback: Order = MTF_ORDERS.pulse;
  if (isAbsent(value)) return fallback;
  const text = asListText(value);
  const hint = 'send the labels of the trend positions, e.g. "1m,5m,15m,1H,4H,1D", or leave trend_labels out';
  if (typeof text !== 'string') {
    issues.push({ field: 'trend_labels', message: `must be text, got ${show(value)}; ${hint}` });
    return fallback;
  }
  const list = parseTimeframeList(text);
  if (!list.ok) {
    issues.push({ field: 'trend_labels', message: list.message });
    return fallback;
  }
  if (list.timeframes.length === 0 || new Set(list.timeframes).size !== list.timeframes.length) {
    issues.push({ field: 'trend_labels', message: `${show(value)} must name each timeframe once; ${hint}` });
    return fallback;
  }
  return { timeframes: list.timeframes, labels: text };
}

function readTrends(key: string, value: unknown, order: Order, issues: ParseIssue[]): MtfTrends | undefined {
  const text = asListText(value);
  if (typeof text !== 'string') {
    issues.push({
      field: key,
      message: `must be text such as "1,1,-1,1,1,1" (order ${order.labels}), got ${show(value)}`,
    });
    return undefined;
  }
  const result = parseTrendList(text, order.timeframes, order.labels);
  if (result.ok) return result.value;
  issues.push({ field: key, message: result.error.message });
  return undefined;
}

/** Timeframes whose trend differs between two readings, for pulses that do not list them. */
function diff(current: MtfTrends, previous: MtfTrends | undefined): number[] {
  if (!previous) return [];
  return Object.keys(current)
    .map(Number)
    .filter((timeframe) => previous[timeframe] !== undefined && previous[timeframe] !== current[timeframe]);
}

function readChanged(value: unknown, fallback: () => number[], issues: ParseIssue[]): number[] {
  if (isAbsent(value)) return fallback();
  const text = asListText(value);
  const list = typeof text === 'string' ? parseTimeframeList(text) : undefined;
  if (list?.ok) return [...new Set(list.timeframes)];
  const message = list ? list.message : `must be text such as "5,15", got ${show(value)}`;
  issues.push({ field: 'changed_timeframes', message });
  return [];
}

/** Reads `current_trends`, `previous_trends`, `changed_timeframes` and `trend_labels` of a V3 trend pulse. */
export function readPulseTrends(body: Readonly<Record<string, unknown>>): PulseTrends {
  const issues: ParseIssue[] = [];
  const order = readOrder(body.trend_labels, issues);
  let currentTrends: MtfTrends = {};
  if (isAbsent(body.current_trends)) {
    const example = order.timeframes.map(() => '1').join(',');
    issues.push({
      field: 'current_trends',
      message: `is missing; send one trend per timeframe in the order ${order.labels}, e.g. "${example}"`,
    });
  } else {
    currentTrends = readTrends('current_trends', body.current_trends, order, issues) ?? {};
  }
  const previousTrends = isAbsent(body.previous_trends)
    ? undefined
    : readTrends('previous_trends', body.previous_trends, order, issues);
  const changedTimeframes = readChanged(body.changed_timeframes, () => diff(currentTrends, previousTrends), issues);
  return { issues, currentTrends, previousTrends, changedTimeframes };
}
