import { ok } from '@zepix/plugin-core';
import type { Direction } from '@zepix/plugin-core';
import { z } from 'zod';
import { ParseErrorCode, failure } from './result.js';
import { checkOneOf, compact, field, optionalField } from './fields.js';
import { BODY_FIELD, type FieldCheck, pass, reject, show } from './issues.js';
import { checkInteger, checkPositive } from './numbers.js';
import {
  ALIGNMENT,
  V6_BASE_SHAPE,
  type V6Context,
  type V6Handler,
  type V6Outcome,
  checkAdx,
  checkNumber,
  nameFields,
  positionedIssues,
  v6Base,
} from './v6Common.js';

const ENTRY_LAYOUT = [
  'signal',
  'symbol',
  'tf',
  'price',
  'direction',
  'confidence',
  'score',
  'adx',
  'adx_strength',
  'sl',
  'tp1',
  'tp2',
  'tp3',
  'alignment',
  'trendline',
] as const;
const ENTRY_FIXED = 9;
const LEVEL_NAMES = ['sl', 'tp1', 'tp2', 'tp3'] as const;
const LEVEL_OR_NA = /^([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|nan?)$/i;

const strength = field((value) => checkOneOf(value, ['STRONG', 'MODERATE', 'WEAK', 'NA']));

/** BULLISH_ENTRY must say BUY and BEARISH_ENTRY SELL; a mismatch means the message was built wrongly. */
function sideMatching(expected: 'BUY' | 'SELL', name: string) {
  return field((value): FieldCheck<Direction> => {
    if (typeof value !== 'string' || value.trim().toUpperCase() !== expected) {
      return reject(`${show(value)} does not match ${name}, which must say ${expected}; check the Pine alert message`);
    }
    return pass(expected === 'BUY' ? 'buy' : 'sell');
  });
}

function entrySchema(expected: 'BUY' | 'SELL', name: string) {
  const level = (example: string) => optionalField((value) => checkPositive(value, example));
  return z.object({
    ...V6_BASE_SHAPE,
    price: field((value) => checkPositive(value, '2030.50')),
    direction: sideMatching(expected, name),
    confidence: field((value) => checkOneOf(value, ['HIGH', 'MODERATE', 'MEDIUM', 'LOW'])),
    score: field((value) => checkInteger(value, 0, 100)),
    adx: field(checkAdx),
    adx_strength: strength,
    sl: level('2028.00'),
    tp1: level('2032.00'),
    tp2: level('2035.00'),
    tp3: level('2038.00'),
  });
}

const ENTRY_SCHEMAS = { BUY: entrySchema('BUY', 'BULLISH_ENTRY'), SELL: entrySchema('SELL', 'BEARISH_ENTRY') };

/**
 * Names the optional tail of an entry. Pine appends SL/TP (4 values), alignment (`5/1`) and trendline state
 * (`TL_OK`/`TL_BREAK`) only when those features are switched on, so each group is recognised by its shape.
 */
function nameEntryTail(rest: readonly string[]): { named: Record<string, string>; leftover: string[] } {
  const named: Record<string, string> = {};
  let i = 0;
  if (rest.length >= 4 && rest.slice(0, 4).every((value) => LEVEL_OR_NA.test(value))) {
    // Stryker disable next-line StringLiteral: the length was checked, so every level is there
    for (const name of LEVEL_NAMES) named[name] = rest[i++] ?? '';
  }
  // Stryker disable next-line StringLiteral: a missing field fails the pattern whatever text stands in for it
  if (ALIGNMENT.test(rest[i] ?? '')) named.alignment = rest[i++] ?? '';
  // Stryker disable next-line StringLiteral: a missing field fails the pattern whatever text stands in for it
  if (/^TL_(OK|BREAK)$/i.test(rest[i] ?? '')) named.trendline = rest[i++] ?? '';
  return { named, leftover: rest.slice(i) };
}

function parseEntry(context: V6Context): V6Outcome {
  const expected = context.name === 'BULLISH_ENTRY' ? 'BUY' : 'SELL';
  const tail = nameEntryTail(context.fields.slice(ENTRY_FIXED));
  const named = { ...nameFields(ENTRY_LAYOUT.slice(0, ENTRY_FIXED), context.fields), ...tail.named };
  const parsed = ENTRY_SCHEMAS[expected].safeParse(named);
  const issues = parsed.success ? [] : positionedIssues(parsed.error.issues, ENTRY_LAYOUT);
  if (tail.leftover.length > 0) {
    const message = `${tail.leftover.length} field(s) after adx strength do not fit (${tail.leftover.map((v) => show(v)).join(', ')}); after the first 9 fields come sl|tp1|tp2|tp3 (all four or none), then the alignment such as 5/1, then TL_OK or TL_BREAK`;
    issues.push({ field: BODY_FIELD, message });
  }
  if (!parsed.success || issues.length > 0) return failure(ParseErrorCode.Invalid, issues);
  const data = parsed.data;
  const levels = compact({ sl: data.sl, tp1: data.tp1, tp2: data.tp2, tp3: data.tp3 });
  const base = { ...v6Base(data, named, context), price: data.price };
  return ok({ ...base, kind: 'entry', direction: data.direction, levels, confidence: data.confidence });
}

const SIDEWAYS_LAYOUT = ['signal', 'symbol', 'tf', 'direction', 'adx', 'adx_strength', 'previous_state', 'momentum'];
const SIDEWAYS = z.object({
  ...V6_BASE_SHAPE,
  direction: field((value) => checkOneOf(value, ['BULLISH', 'BEARISH'], ' for a sideways breakout')),
  adx: field(checkAdx),
  adx_strength: strength,
});

function parseSideways(context: V6Context): V6Outcome {
  const named = nameFields(SIDEWAYS_LAYOUT, context.fields);
  const parsed = SIDEWAYS.safeParse(named);
  if (!parsed.success) return failure(ParseErrorCode.Invalid, positionedIssues(parsed.error.issues, SIDEWAYS_LAYOUT));
  const direction: Direction = parsed.data.direction === 'BULLISH' ? 'buy' : 'sell';
  return ok({ ...v6Base(parsed.data, named, context), kind: 'entry', direction, levels: {} });
}

const TRENDLINE_LAYOUT = ['signal', 'symbol', 'tf', 'price', 'slope', 'bars_since_pivot'];
const TRENDLINE = z.object({
  ...V6_BASE_SHAPE,
  price: field((value) => checkPositive(value, '2030.50')),
  slope: field(checkNumber),
  bars_since_pivot: field((value) => checkInteger(value, 0, 1_000_000)),
});

function parseTrendline(context: V6Context): V6Outcome {
  const named = nameFields(TRENDLINE_LAYOUT, context.fields);
  const parsed = TRENDLINE.safeParse(named);
  if (!parsed.success) return failure(ParseErrorCode.Invalid, positionedIssues(parsed.error.issues, TRENDLINE_LAYOUT));
  const direction: Direction = context.name === 'TRENDLINE_BULLISH_BREAK' ? 'buy' : 'sell';
  const base = { ...v6Base(parsed.data, named, context), price: parsed.data.price };
  return ok({ ...base, kind: 'entry', direction, levels: {} });
}

const BREAKOUT_LAYOUT = ['signal', 'symbol', 'tf', 'level', 'tests', 'start_bar', 'bar_index'];
const BREAKOUT = z.object({
  ...V6_BASE_SHAPE,
  level: field((value) => checkPositive(value, '2030.50')),
  tests: field((value) => checkInteger(value, 0, 1000)),
});

/** BREAKOUT/BREAKDOWN: price is the broken level, which Pine sends in place of the close. */
function parseBreakout(context: V6Context): V6Outcome {
  const named = nameFields(BREAKOUT_LAYOUT, context.fields);
  const parsed = BREAKOUT.safeParse(named);
  if (!parsed.success) return failure(ParseErrorCode.Invalid, positionedIssues(parsed.error.issues, BREAKOUT_LAYOUT));
  const direction: Direction = context.name === 'BREAKOUT' ? 'buy' : 'sell';
  const base = { ...v6Base(parsed.data, named, context), price: parsed.data.level };
  return ok({ ...base, kind: 'entry', direction, levels: {} });
}

/** V6 messages that open a position, keyed by signal name. */
export const V6_ENTRY_HANDLERS: ReadonlyMap<string, V6Handler> = new Map<string, V6Handler>([
  ['BULLISH_ENTRY', { layout: ENTRY_LAYOUT, required: ENTRY_FIXED, parse: parseEntry }],
  ['BEARISH_ENTRY', { layout: ENTRY_LAYOUT, required: ENTRY_FIXED, parse: parseEntry }],
  ['SIDEWAYS_BREAKOUT', { layout: SIDEWAYS_LAYOUT, required: SIDEWAYS_LAYOUT.length, parse: parseSideways }],
  ['TRENDLINE_BULLISH_BREAK', { layout: TRENDLINE_LAYOUT, required: TRENDLINE_LAYOUT.length, parse: parseTrendline }],
  ['TRENDLINE_BEARISH_BREAK', { layout: TRENDLINE_LAYOUT, required: TRENDLINE_LAYOUT.length, parse: parseTrendline }],
  ['BREAKOUT', { layout: BREAKOUT_LAYOUT, required: BREAKOUT_LAYOUT.length, parse: parseBreakout }],
  ['BREAKDOWN', { layout: BREAKOUT_LAYOUT, required: BREAKOUT_LAYOUT.length, parse: parseBreakout }],
]);
