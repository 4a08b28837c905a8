import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYMBOL_PATTERN, normalizeSymbol } from './index.js';
import { checkSymbol } from './symbols.js';
import { CHART_MINUTES, checkChartTimeframe, checkLegacyTimeframe, timeframeMinutes } from './timeframes.js';

const EXAMPLE = 'send the ticker, e.g. "XAUUSD" or "OANDA:XAUUSD" (syminfo.ticker in Pine)';

describe('symbols', () => {
  it('takes 2 to 20 characters of A-Z, 0-9 and . _ ! - after a letter or digit', () => {
    for (const ticker of ['AB', '1A', 'A.B', 'A_B', 'A!B', 'A-B', 'Z'.repeat(20), 'A0Z9']) {
      expect(checkSymbol(ticker), ticker).toEqual({ ok: true, value: { ticker, rawSymbol: ticker } });
    }
    for (const ticker of ['A', '.AB', '_AB', '!AB', '-AB', 'A B', 'A/B', 'ÄB', 'A:B:']) {
      expect(checkSymbol(ticker).ok, ticker).toBe(false);
    }
  });

  it('upper-cases and strips the last exchange prefix, keeping the trimmed raw symbol', () => {
    expect(checkSymbol('  a:oanda:xauusd  ')).toEqual({
      ok: true,
      value: { ticker: 'XAUUSD', rawSymbol: 'a:oanda:xauusd' },
    });
    expect(checkSymbol('OANDA: XAUUSD ')).toEqual({
      ok: true,
      value: { ticker: 'XAUUSD', rawSymbol: 'OANDA: XAUUSD' },
    });
  });

  it('counts the length after the prefix, and reports the length of what was sent', () => {
    expect(checkSymbol(`OANDA:${'Z'.repeat(20)}`).ok).toBe(true);
    expect(checkSymbol(`OANDA:${'Z'.repeat(21)}`)).toEqual({
      ok: false,
      message: `is 27 characters long ("OANDA:ZZZZZZZZZZZZZZ…"); a symbol has at most 20 characters, ${EXAMPLE}`,
    });
  });

  it('says exactly what is wrong', () => {
    expect(checkSymbol(undefined)).toEqual({ ok: false, message: `is missing; ${EXAMPLE}` });
    expect(checkSymbol(['X'])).toEqual({ ok: false, message: `must be text, got a list; ${EXAMPLE}` });
    expect(checkSymbol(' : ')).toEqual({ ok: false, message: `" : " has no ticker; ${EXAMPLE}` });
    expect(checkSymbol('A/B')).toEqual({
      ok: false,
      message: `"A/B" is not a ticker; use 2 to 20 letters, digits, ".", "_", "!" or "-", ${EXAMPLE}`,
    });
  });

  it('maps by the trimmed raw key first, then the ticker, ignoring blank and non-text values', () => {
    expect(normalizeSymbol(' OANDA:XAUUSD ', { 'OANDA:XAUUSD': ' GOLD.a ', XAUUSD: 'GOLD' })).toBe('GOLD.a');
    expect(normalizeSymbol('OANDA:XAUUSD', { 'OANDA:XAUUSD': '', XAUUSD: 'GOLD' })).toBe('GOLD');
    const odd = { XAUUSD: 5 } as unknown as Record<string, string>;
    expect(normalizeSymbol('XAUUSD', odd)).toBe('XAUUSD');
    expect(normalizeSymbol('xauusd', { xauusd: 'GOLD' })).toBe('GOLD');
  });

  it('accepts every ticker the pattern allows, and it stays the same after normalising', () => {
    const ticker = fc.stringMatching(SYMBOL_PATTERN);
    fc.assert(
      fc.property(ticker, fc.constantFrom('', 'OANDA:', 'fx:'), (symbol, prefix) => {
        const result = checkSymbol(prefix + symbol);
        expect(result).toEqual({ ok: true, value: { ticker: symbol, rawSymbol: prefix + symbol } });
        expect(normalizeSymbol(prefix + symbol)).toBe(symbol);
      }),
    );
  });
});

describe('timeframes', () => {
  it('reads every chart interval from its number, its minutes text, and its unit label', () => {
    for (const minutes of CHART_MINUTES) {
      expect(timeframeMinutes(minutes)).toBe(minutes);
      expect(timeframeMinutes(` ${minutes} `)).toBe(minutes);
      expect(timeframeMinutes(`${minutes}m`)).toBe(minutes);
    }
    expect(CHART_MINUTES).toEqual([1, 3, 5, 15, 30, 45, 60, 120, 180, 240, 1440]);
  });

  it('multiplies hours and days, and refuses intervals off the list', () => {
    const cases: readonly [string, number | undefined][] = [
      ['2h', 120],
      ['3H', 180],
      ['24h', 1440],
      ['d', 1440],
      ['1d', 1440],
      ['00005', 5],
      ['0', undefined],
      ['2d', undefined],
      ['10', undefined],
      ['h', undefined],
      ['dd', undefined],
      ['5s', undefined],
      ['000005', undefined],
      ['5mm', undefined],
      ['x5', undefined],
    ];
    for (const [text, minutes] of cases) expect(timeframeMinutes(text), text).toBe(minutes);
    for (const value of [0, 2, 1441, true, {}]) expect(timeframeMinutes(value)).toBeUndefined();
  });

  it('says when a chart tf is missing or wrong', () => {
    const hint =
      'send the chart interval in minutes (1, 3, 5, 15, 30, 45, 60, 120, 180, 240, 1440) or "1D" for daily, as Pine\'s timeframe.period gives it';
    expect(checkChartTimeframe(null)).toEqual({ ok: false, message: `is missing; ${hint}` });
    expect(checkChartTimeframe(10)).toEqual({ ok: false, message: `10 is not a supported timeframe; ${hint}` });
    expect(checkChartTimeframe('4H')).toEqual({ ok: true, value: 240 });
  });

  it('treats an empty legacy tf as wrong, not missing', () => {
    expect(checkLegacyTimeframe('')).toEqual({
      ok: false,
      message: '"" is not a supported timeframe; use one of 5m, 15m, 1h, 1d (1m, 30m and 4h also work)',
    });
    expect(checkLegacyTimeframe(undefined)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^is missing/) as string,
    });
  });
});
