import { ok } from '@zepix/plugin-core';
import type { Alert, Direction, MtfTrends, TrendValue } from '@zepix/plugin-core';
import { z } from 'zod';
import {
  type BaseFields,
  type CommonData,
  JSON_COMMON_SHAPE,
  checkOneOf,
  checkOptionalDirection,
  checkOptionalText,
  compact,
  field,
  jsonBase,
  optionalField,
} from './fields.js';
import { type FieldCheck, type ParseIssue, fromZodIssues, pass, reject, show } from './issues.js';
import { checkOptionalTrend, listText, parseMtfTrends } from './mtfTrends.js';
import { checkOptionalInteger, checkOptionalPositive } from './numbers.js';
import { ParseErrorCode, type ParseOptions, type ParseResult, failure } from './result.js';
import { checkChartTimeframe } from './timeframes.js';
import { readPulseTrends } from './v3Pulse.js';

/** The V3 `type` values. */
export const V3_TYPES = ['entry_v3', 'exit_v3', 'squeeze_v3', 'trend_pulse_v3'] as const;

/** One V3 alert type. */
export type V3Type = (typeof V3_TYPES)[number];

/** V3 entry signals; all open a position, including Liquidity_Trap_Reversal, which Pine sends as entry_v3. */
export const V3_ENTRY_SIGNALS = [
  'Institutional_Launchpad',
  'Liquidity_Trap_Reversal',
  'Momentum_Breakout',
  'Mitigation_Test_Entry',
  'Golden_Pocket_Flip',
  'Screener_Full_Bullish',
  'Screener_Full_Bearish',
  'Sideways_Breakout',
] as const;

/** V3 exit signals and the side each closes: a bullish exit closes sells, a bearish exit closes buys. */
const EXIT_CLOSES: ReadonlyMap<string, Direction> = new Map([
  ['Bullish_Exit', 'sell'],
  ['Bearish_Exit', 'buy'],
]);

/** True when `type` names a V3 alert. */
export function isV3Type(type: string): type is V3Type {
  return (V3_TYPES as readonly string[]).includes(type);
}

function optionalOneOf<T extends string>(allowed: readonly T[], context: string) {
  return optionalField((value) =>
    value === undefined || value === null || value === '' ? pass(undefined) : checkOneOf(value, allowed, context),
  );
}

function checkOptionalMtf(value: unknown): FieldCheck<MtfTrends | undefined> {
  if (value === undefined || value === null || value === '') return pass(undefined);
  const text = Array.isArray(value) ? listText(value) : value;
  if (typeof text !== 'string') {
    return reject(`must be text such as "1,1,-1,1,1" (order 1D,4H,1H,15m,5m), got ${show(value)}`);
  }
  const result = parseMtfTrends(text, 'entry');
  return result.ok ? pass(result.value) : reject(result.error.message);
}

function checkMultiplier(value: unknown): FieldCheck<number | undefined> {
  const result = checkOptionalPositive(value, '0.8');
  if (!result.ok || result.value === undefined || result.value <= 10) return result;
  return reject(`${show(value)} is too large; a position multiplier is a factor such as 0.6, 0.8 or 1.0 (at most 10)`);
}

const COMMON = {
  ...JSON_COMMON_SHAPE,
  tf: field(checkChartTimeframe),
  consensus_score: optionalField((value) => checkOptionalInteger(value, 0, 9)),
  market_trend: optionalField(checkOptionalTrend),
};

const ENTRY = z.object({
  ...COMMON,
  signal_type: field((value) => checkOneOf(value, V3_ENTRY_SIGNALS, ' for entry_v3')),
  direction: field((value) => checkOneOf<Direction>(value, ['buy', 'sell'], ' on an entry_v3 alert')),
  sl_price: optionalField((value) => checkOptionalPositive(value, '2028.00')),
  tp1_price: optionalField((value) => checkOptionalPositive(value, '2032.00')),
  tp2_price: optionalField((value) => checkOptionalPositive(value, '2035.00')),
  mtf_trends: optionalField(checkOptionalMtf),
  position_multiplier: optionalField(checkMultiplier),
  confidence: optionalField((value) => checkOptionalText(value, 20)),
});

const EXIT = z.object({
  ...COMMON,
  signal_type: optionalOneOf([...EXIT_CLOSES.keys()], ' for exit_v3'),
  direction: optionalField(checkOptionalDirection),
});

const SQUEEZE = z.object({
  ...COMMON,
  signal_type: optionalOneOf(['Volatility_Squeeze'], ' for squeeze_v3'),
  message: optionalField((value) => checkOptionalText(value, 500)),
});

const PULSE = z.object({
  ...COMMON,
  signal_type: optionalOneOf(['Trend_Pulse'], ' for trend_pulse_v3'),
  message: optionalField((value) => checkOptionalText(value, 500)),
});

type Body = Readonly<Record<string, unknown>>;
type Parsed = { success: true } | { success: false; error: z.ZodError };

interface V3Common extends CommonData {
  readonly signal_type?: string | undefined;
  readonly consensus_score?: number | undefined;
  readonly market_trend?: TrendValue | undefined;
}

/** Zod issues and cross-field issues together, so one answer lists everything wrong. */
function allIssues(parsed: Parsed, extra: readonly ParseIssue[]): ParseIssue[] {
  return [...(parsed.success ? [] : fromZodIssues(parsed.error.issues)), ...extra];
}

function v3Base(data: V3Common, body: Body, options: ParseOptions): BaseFields {
  return compact({
    ...jsonBase('v3', data, body, options),
    signalType: data.signal_type,
    consensusScore: data.consensus_score,
    marketTrend: data.market_trend,
  });
}

function parseEntry(body: Body, options: ParseOptions): ParseResult {
  const parsed = ENTRY.safeParse(body);
  if (!parsed.success) return failure(ParseErrorCode.Invalid, fromZodIssues(parsed.error.issues));
  const data = parsed.data;
  const levels = compact({ sl: data.sl_price, tp1: data.tp1_price, tp2: data.tp2_price });
  const entry = compact({
    mtfTrends: data.mtf_trends,
    positionMultiplier: data.position_multiplier,
    confidence: data.confidence,
  });
  const alert: Alert = { ...v3Base(data, body, options), ...entry, kind: 'entry', direction: data.direction, levels };
  return ok(alert);
}

/**
 * The side a V3 exit closes. On exits `direction` is the side being closed (Pine sends Bullish_Exit with
 * "direction":"sell"), so when both are present they must agree. Fields that fail their own check are left to zod.
 */
function closeSideOf(body: Body): { side?: Direction; issue?: ParseIssue } {
  const signal = EXIT.shape.signal_type.safeParse(body.signal_type);
  const direction = checkOptionalDirection(body.direction);
  if (!signal.success || !direction.ok) return {};
  const bySignal = signal.data === undefined ? undefined : EXIT_CLOSES.get(signal.data);
  if (bySignal && direction.value && bySignal !== direction.value) {
    const message = `"${direction.value}" contradicts signal_type ${signal.data}, which closes ${bySignal}s; on exits direction is the side being closed, so send "${bySignal}" or leave direction out`;
    return { issue: { field: 'direction', message } };
  }
  const side = bySignal ?? direction.value;
  if (side) return { side };
  const message =
    'is missing, and so is direction; send "signal_type":"Bullish_Exit" (closes sells) or "Bearish_Exit" (closes buys)';
  return { issue: { field: 'signal_type', message } };
}

function parseExit(body: Body, options: ParseOptions): ParseResult {
  const parsed = EXIT.safeParse(body);
  const { side, issue } = closeSideOf(body);
  const issues = allIssues(parsed, issue ? [issue] : []);
  if (!parsed.success || !side || issues.length > 0) return failure(ParseErrorCode.Invalid, issues);
  return ok({ ...v3Base(parsed.data, body, options), kind: 'exit', closeSide: side });
}

function parseSqueeze(body: Body, options: ParseOptions): ParseResult {
  const parsed = SQUEEZE.safeParse(body);
  if (!parsed.success) return failure(ParseErrorCode.Invalid, fromZodIssues(parsed.error.issues));
  const message = compact({ message: parsed.data.message });
  return ok({ ...v3Base(parsed.data, body, options), ...message, kind: 'squeeze' });
}

function parsePulse(body: Body, options: ParseOptions): ParseResult {
  const parsed = PULSE.safeParse(body);
  const trends = readPulseTrends(body);
  const issues = allIssues(parsed, trends.issues);
  if (!parsed.success || issues.length > 0) return failure(ParseErrorCode.Invalid, issues);
  const { currentTrends, previousTrends, changedTimeframes } = trends;
  const extra = compact({ message: parsed.data.message, previousTrends });
  const base = v3Base(parsed.data, body, options);
  return ok({ ...base, ...extra, kind: 'trend_pulse', currentTrends, changedTimeframes });
}

/** Parses a V3 JSON alert whose `type` is already known to be V3. */
export function parseV3(type: V3Type, body: Body, options: ParseOptions): ParseResult {
  switch (type) {
    case 'entry_v3':
      return parseEntry(body, options);
    case 'exit_v3':
      return parseExit(body, options);
    case 'squeeze_v3':
      return parseSqueeze(body, options);
    case 'trend_pulse_v3':
      return parsePulse(body, options);
  }
}
