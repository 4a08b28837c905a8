import { ok } from '@zepix/plugin-core';
import type { MtfTrends, TrendValue } from '@zepix/plugin-core';
import { z } from 'zod';
import { ParseErrorCode, failure } from './result.js';
import { checkOneOf, checkOptionalText, compact, field, optionalField } from './fields.js';
import { type FieldCheck, type ParseIssue, pass, reject, show } from './issues.js';
import { splitList } from './mtfTrends.js';
import { checkInteger, checkPositive } from './numbers.js';
import { timeframeMinutes } from './timeframes.js';
import {
  ALIGNMENT,
  MARKET_STATES,
  V6_BASE_SHAPE,
  type V6Context,
  type V6Handler,
  type V6Outcome,
  nameFields,
  positionedIssues,
  v6Base,
} from './v6Common.js';

const EXIT_LAYOUT = ['signal', 'symbol', 'tf', 'price', 'bars'];
const EXIT = z.object({
  ...V6_BASE_SHAPE,
  price: field((value) => checkPositive(value, '2031.20')),
  bars: optionalField((value) => (value === '' ? pass(undefined) : checkInteger(value, 0, 1_000_000))),
});

/**
 * EXIT_BULLISH closes sells and EXIT_BEARISH closes buys: the original bot's V6 rule, and the same reading as V3's
 * Bullish_Exit and legacy `exit bull`, so one word means one side in every family.
 */
function parseExit(context: V6Context): V6Outcome {
  const named = nameFields(EXIT_LAYOUT, context.fields);
  const parsed = EXIT.safeParse(named);
  if (!parsed.success) return failure(ParseErrorCode.Invalid, positionedIssues(parsed.error.issues, EXIT_LAYOUT));
  const closeSide = context.name === 'EXIT_BULLISH' ? 'sell' : 'buy';
  return ok({ ...v6Base(parsed.data, named, context), price: parsed.data.price, kind: 'exit', closeSide });
}

const TREND_WORDS: ReadonlyMap<string, TrendValue> = new Map([
  ['BULL', 1],
  ['BEAR', -1],
  ['SIDE', 0],
]);

interface ChangedList {
  readonly timeframes: number[];
  readonly current: Partial<Record<number, TrendValue>>;
  readonly previous: Partial<Record<number, TrendValue>>;
}

/** Reads Pine's changed list: `15,60`, or `15:BULL→BEAR,60:SIDE→BULL` as getChangedTFsString() writes it. */
function checkChanged(value: unknown): FieldCheck<ChangedList> {
  const list: ChangedList = { timeframes: [], current: {}, previous: {} };
  const hint = 'list the changed timeframes as "15,60" or "15:BULL→BEAR,60:SIDE→BULL"';
  // Stryker disable next-line StringLiteral: TREND_PULSE has a fixed length, so changed is always text
  if (typeof value !== 'string') return reject(`is missing; ${hint}`);
  for (const item of splitList(value).filter((entry) => entry !== '')) {
    const match = /^([^:]+?)(?::\s*(BULL|BEAR|SIDE)\s*(?:→|->)\s*(BULL|BEAR|SIDE))?$/i.exec(item);
    const timeframe = match?.[1] === undefined ? undefined : timeframeMinutes(match[1]);
    if (!match || timeframe === undefined) return reject(`${show(item)} is not a timeframe change; ${hint}`);
    list.timeframes.push(timeframe);
    // Stryker disable next-line LogicalOperator: both trend words are in one optional group, so both or neither match
    if (match[2] && match[3]) {
      list.previous[timeframe] = TREND_WORDS.get(match[2].toUpperCase());
      list.current[timeframe] = TREND_WORDS.get(match[3].toUpperCase());
    }
  }
  return pass(list);
}

const PULSE_LAYOUT = ['signal', 'symbol', 'tf', 'bullish_count', 'bearish_count', 'changed', 'state'];
const PULSE = z.object({
  ...V6_BASE_SHAPE,
  bullish_count: field((value) => checkInteger(value, 0, 6)),
  bearish_count: field((value) => checkInteger(value, 0, 6)),
  changed: field(checkChanged),
  state: field((value) => checkOneOf(value, MARKET_STATES)),
});

/** Checked outside zod, which skips object refinements once any field fails, so this issue would hide. */
function countsIssues(named: Readonly<Record<string, string>>): ParseIssue[] {
  const bulls = checkInteger(named.bullish_count, 0, 6);
  const bears = checkInteger(named.bearish_count, 0, 6);
  if (!bulls.ok || !bears.ok || bulls.value + bears.value <= 6) return [];
  const message = `${bulls.value} bullish and ${bears.value} bearish add up to more than the 6 timeframes Pine tracks; check the field order`;
  return [{ field: 'bearish_count', message }];
}

/** TREND_PULSE carries counts, not per-timeframe trends; trends are filled only where the changed list names them. */
function parsePulse(context: V6Context): V6Outcome {
  const named = nameFields(PULSE_LAYOUT, context.fields);
  const parsed = PULSE.safeParse(named);
  const issues = [
    ...(parsed.success ? [] : positionedIssues(parsed.error.issues, PULSE_LAYOUT)),
    ...countsIssues(named),
  ];
  if (!parsed.success || issues.length > 0) return failure(ParseErrorCode.Invalid, issues);
  const { changed, state, bullish_count: bulls, bearish_count: bears } = parsed.data;
  const hasPrevious = Object.keys(changed.previous).length > 0;
  const pulse = compact({ previousTrends: hasPrevious ? (changed.previous as MtfTrends) : undefined });
  const message = `${state}: ${bulls} bullish, ${bears} bearish of 6 timeframes`;
  const base = v6Base(parsed.data, named, context);
  const alert = { ...base, ...pulse, kind: 'trend_pulse' as const, currentTrends: changed.current, message };
  return ok({ ...alert, changedTimeframes: [...new Set(changed.timeframes)] });
}

const STATE_LAYOUT = ['signal', 'symbol', 'tf', 'state', 'previous_state', 'alignment'];
const STATE = z.object({
  ...V6_BASE_SHAPE,
  state: field((value) => checkOneOf(value, MARKET_STATES)),
  previous_state: field((value) => checkOneOf(value, MARKET_STATES)),
  alignment: field((value) =>
    typeof value === 'string' && ALIGNMENT.test(value)
      ? pass(value)
      : reject(`${show(value)} is not bullish/bearish counts such as 5/1`),
  ),
});

/** STATE_CHANGE: the multi-timeframe market state moved; a pulse with no per-timeframe trends. */
function parseState(context: V6Context): V6Outcome {
  const named = nameFields(STATE_LAYOUT, context.fields);
  const parsed = STATE.safeParse(named);
  if (!parsed.success) return failure(ParseErrorCode.Invalid, positionedIssues(parsed.error.issues, STATE_LAYOUT));
  const { state, previous_state: previous, alignment } = parsed.data;
  const message = `market state ${previous} → ${state} (${alignment} bullish/bearish)`;
  const base = v6Base(parsed.data, named, context);
  return ok({ ...base, kind: 'trend_pulse', currentTrends: {}, changedTimeframes: [], message });
}

const SCREENER_LAYOUT = ['signal', 'symbol', 'tf', 'indicator_count', 'indicators'];
const SCREENER = z.object({
  ...V6_BASE_SHAPE,
  indicator_count: field((value) => checkInteger(value, 0, 99)),
  indicators: optionalField((value) => checkOptionalText(value, 200)),
});

/**
 * SCREENER_FULL_*: every screener indicator agrees. Read as a bias, not an entry: the V6 script sends no price,
 * levels or confidence with it, and the original bot treated it as information.
 */
function parseScreener(context: V6Context): V6Outcome {
  const named = nameFields(SCREENER_LAYOUT, context.fields);
  const parsed = SCREENER.safeParse(named);
  if (!parsed.success) return failure(ParseErrorCode.Invalid, positionedIssues(parsed.error.issues, SCREENER_LAYOUT));
  const trend: TrendValue = context.name === 'SCREENER_FULL_BULLISH' ? 1 : -1;
  return ok({ ...v6Base(parsed.data, named, context), kind: 'bias', trend });
}

/** V6 messages that close positions or carry information, keyed by signal name. */
export const V6_INFO_HANDLERS: ReadonlyMap<string, V6Handler> = new Map<string, V6Handler>([
  ['EXIT_BULLISH', { layout: EXIT_LAYOUT, required: 4, parse: parseExit }],
  ['EXIT_BEARISH', { layout: EXIT_LAYOUT, required: 4, parse: parseExit }],
  ['TREND_PULSE', { layout: PULSE_LAYOUT, required: PULSE_LAYOUT.length, parse: parsePulse }],
  ['STATE_CHANGE', { layout: STATE_LAYOUT, required: STATE_LAYOUT.length, parse: parseState }],
  ['SCREENER_FULL_BULLISH', { layout: SCREENER_LAYOUT, required: SCREENER_LAYOUT.length, parse: parseScreener }],
  ['SCREENER_FULL_BEARISH', { layout: SCREENER_LAYOUT, required: SCREENER_LAYOUT.length, parse: parseScreener }],
]);
