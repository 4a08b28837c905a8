import type { Alert } from '@zepix/plugin-core';
import { expect } from 'vitest';
import { formatParseIssues } from '../issues.js';
import { type ParseFailure, ParseErrorCode, type ParseResult } from '../result.js';
import { SYMBOL_PATTERN } from '../symbols.js';
import { CHART_MINUTES } from '../timeframes.js';

const KINDS = ['entry', 'exit', 'reversal', 'trend', 'bias', 'squeeze', 'trend_pulse'];
const CODES: readonly string[] = Object.values(ParseErrorCode);

/** The alert of an accepted result; fails the test with the issues otherwise. */
export function accepted(result: ParseResult): Alert {
  if (!result.ok) expect.fail(`expected an alert, got ${result.error.code}: ${JSON.stringify(result.error.issues)}`);
  return result.value;
}

/** The refusal of a rejected result; fails the test when an alert came back. */
export function rejected(result: ParseResult, code?: ParseErrorCode): ParseFailure {
  if (result.ok) expect.fail(`expected a refusal, got a ${result.value.kind} alert`);
  if (code) expect(result.error.code).toBe(code);
  return result.error;
}

/** The message of the one issue about `field`. */
export function issueFor(result: ParseResult, field: string): string {
  const failure = rejected(result);
  const issue = failure.issues.find((item) => item.field === field);
  if (!issue) expect.fail(`no issue for ${field}: ${JSON.stringify(failure.issues)}`);
  return issue.message;
}

/** The contract every result keeps, whatever the input: a sane alert, or a known code with usable issues. */
export function expectWellFormed(result: ParseResult): void {
  if (result.ok) {
    const alert = result.value;
    expect(KINDS).toContain(alert.kind);
    expect(['legacy', 'v3', 'v6']).toContain(alert.family);
    expect(alert.symbol.length).toBeGreaterThan(0);
    expect(alert.rawSymbol.length).toBeGreaterThan(0);
    expect(CHART_MINUTES).toContain(alert.timeframe);
    expect(typeof alert.raw).toBe('object');
    expect(Object.hasOwn(alert.raw, 'secret')).toBe(false);
    return;
  }
  expect(CODES).toContain(result.error.code);
  expect(result.error.message).toBe(formatParseIssues(result.error.issues));
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    expect(issue.field.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeGreaterThan(10);
    expect(issue.message.length).toBeLessThan(2000);
  }
}

/** A symbol in the shape TradingView tickers have after the exchange prefix is stripped. */
export function expectTicker(symbol: string): void {
  expect(symbol).toMatch(SYMBOL_PATTERN);
}

/** Like {@link accepted}, with every field readable whatever the alert's kind, for tests that read kind fields. */
export function alertOf(result: ParseResult): Alert & Readonly<Record<string, unknown>> {
  return accepted(result) as Alert & Readonly<Record<string, unknown>>;
}

/** The fields every V6 alert has, for tests that compare a whole alert. */
export function v6Fields(signalType: string, timeframe: number, symbol = 'XAUUSD') {
  return { family: 'v6', symbol, rawSymbol: symbol, timeframe, signalType } as const;
}
