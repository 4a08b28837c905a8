import type { z } from 'zod';
import { type BaseFields, compact, field } from './fields.js';
import { type FieldCheck, type ParseIssue, fromZodIssues, pass, reject, show } from './issues.js';
import { toNumber } from './numbers.js';
import type { ParseOptions, ParseResult } from './result.js';
import { checkSymbol, normalizeSymbol } from './symbols.js';
import { checkChartTimeframe } from './timeframes.js';

/** What a V6 handler gets: the upper-cased signal name, the split fields and the original text. */
export interface V6Context {
  readonly name: string;
  readonly fields: readonly string[];
  readonly text: string;
  readonly options: ParseOptions;
}

/** A V6 handler's answer: the alert, or the issues found. */
export type V6Outcome = ParseResult;

/** How one V6 message is laid out and turned into an alert. */
export interface V6Handler {
  /** Field names in wire order; the first is always the signal name. */
  readonly layout: readonly string[];
  /** Fields that must be present; the rest of the layout is optional. */
  readonly required: number;
  readonly parse: (context: V6Context) => V6Outcome;
}

/** Symbol and timeframe, the second and third field of every V6 message. */
export const V6_BASE_SHAPE = { symbol: field(checkSymbol), tf: field(checkChartTimeframe) };

/** The market states Pine's getMarketState() produces. */
export const MARKET_STATES = [
  'TRENDING_BULLISH',
  'TRENDING_BEARISH',
  'MIXED_BULLISH',
  'MIXED_BEARISH',
  'NEUTRAL',
] as const;

/** Pairs field names with values; fields beyond the received ones are left out. */
export function nameFields(layout: readonly string[], fields: readonly string[]): Record<string, string> {
  // Stryker disable next-line StringLiteral,ArithmeticOperator: fields are cut to the layout, so every one has a name
  return Object.fromEntries(fields.slice(0, layout.length).map((value, i) => [layout[i] ?? `field${i + 1}`, value]));
}

/** Zod issues with the field's position added, since pipe text has no names on the wire. */
export function positionedIssues(issues: readonly z.core.$ZodIssue[], layout: readonly string[]): ParseIssue[] {
  return fromZodIssues(issues).map((issue) => {
    const index = layout.indexOf(issue.field);
    return index < 0
      ? issue
      : { field: issue.field, message: `${issue.message} (field ${index + 1} of the pipe text)` };
  });
}

/** Base fields of a V6 alert; `raw` keeps every field by name plus the original text. */
export function v6Base(
  data: { readonly symbol: { readonly rawSymbol: string }; readonly tf: number },
  named: Readonly<Record<string, string>>,
  context: V6Context,
): BaseFields {
  return compact({
    family: 'v6' as const,
    symbol: normalizeSymbol(data.symbol.rawSymbol, context.options.symbolMap),
    rawSymbol: data.symbol.rawSymbol,
    timeframe: data.tf,
    signalType: context.name,
    raw: { ...named, text: context.text },
  });
}

/** Any finite number, negative included (trendline slopes). */
export function checkNumber(value: unknown): FieldCheck<number> {
  const number = toNumber(value);
  return number === undefined ? reject(`${show(value)} is not a number`) : pass(number);
}

/** An ADX reading, or NA when the Pine script has its ADX filter switched off. */
export function checkAdx(value: unknown): FieldCheck<number | undefined> {
  if (typeof value === 'string' && value.trim().toUpperCase() === 'NA') return pass(undefined);
  const number = toNumber(value);
  if (number === undefined || number < 0) {
    return reject(`${show(value)} is not an ADX value; send a number such as 25.5, or NA`);
  }
  return pass(number);
}

/** Alignment written as bullish/bearish timeframe counts, e.g. `5/1`. */
export const ALIGNMENT = /^\d+\/\d+$/;
