import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MTF_ORDERS,
  checkOptionalTrend,
  listText,
  parseTimeframeList,
  parseTrendList,
  splitList,
  toTrendValue,
} from './mtfTrends.js';

describe('trend values', () => {
  it('reads -0 as neutral and trims text', () => {
    expect(toTrendValue('-0')).toBe(0);
    expect(toTrendValue(-0)).toBe(0);
    expect(toTrendValue(' -1 ')).toBe(-1);
    expect(toTrendValue('+0')).toBeUndefined();
    expect(toTrendValue('--1')).toBeUndefined();
    expect(toTrendValue(true)).toBeUndefined();
  });

  it('checks an optional trend field, absent in three ways', () => {
    for (const blank of [undefined, null, ''])
      expect(checkOptionalTrend(blank)).toEqual({ ok: true, value: undefined });
    expect(checkOptionalTrend('-1')).toEqual({ ok: true, value: -1 });
    expect(checkOptionalTrend(0)).toEqual({ ok: true, value: 0 });
    expect(checkOptionalTrend('up')).toEqual({
      ok: false,
      message: '"up" is not a trend; use 1 (bullish), 0 (neutral) or -1 (bearish)',
    });
  });
});

describe('lists', () => {
  it('joins JSON lists as Pine would, marking other items', () => {
    expect(listText(['1', -1, 0])).toBe('1,-1,0');
    expect(listText([null, {}, true])).toBe('?,?,?');
    expect(listText([])).toBe('');
  });

  it('drops one trailing empty item only when there is more than one', () => {
    expect(splitList('')).toEqual(['']);
    expect(splitList(',')).toEqual(['']);
    expect(splitList(' a , b ,')).toEqual(['a', 'b']);
    expect(splitList('a,,')).toEqual(['a', '']);
    expect(splitList('a, ,b')).toEqual(['a', '', 'b']);
  });

  it('gives an example with every third value bearish', () => {
    const result = parseTrendList('1', [1, 2, 3, 4, 5, 6, 7], 'L');
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'ZEPIX_ALERT_INVALID',
        message: 'has 1 values but needs 7, one per timeframe in the order L, e.g. "1,1,-1,1,1,-1,1"',
      },
    });
    expect(parseTrendList('  ', [5, 15], '5m,15m')).toMatchObject({
      error: { message: expect.stringMatching(/^is empty but needs 2,/) as string },
    });
  });

  it('names one bad value with "is" and several with "are"', () => {
    expect(parseTrendList('x', [5], '5m')).toMatchObject({
      error: { message: 'value 1 ("x") is not a trend; each value must be -1, 0 or 1, e.g. "1"' },
    });
  });

  it('maps every position of both wire orders onto its timeframe', () => {
    expect(MTF_ORDERS).toEqual({
      entry: { labels: '1D,4H,1H,15m,5m', timeframes: [1440, 240, 60, 15, 5] },
      pulse: { labels: '1m,5m,15m,1H,4H,1D', timeframes: [1, 5, 15, 60, 240, 1440] },
    });
    const trend = fc.constantFrom(-1, 0, 1);
    fc.assert(
      fc.property(fc.array(trend, { minLength: 6, maxLength: 6 }), (values) => {
        const result = parseTrendList(values.join(','), MTF_ORDERS.pulse.timeframes, MTF_ORDERS.pulse.labels);
        expect(result).toEqual({
          ok: true,
          value: Object.fromEntries(MTF_ORDERS.pulse.timeframes.map((tf, i) => [tf, values[i]])),
        });
      }),
    );
  });

  it('lists every unknown timeframe with the text received, shortened', () => {
    expect(parseTimeframeList('7, 9 ,5')).toEqual({
      ok: false,
      message:
        '"7", "9" are not timeframes; list minutes or labels such as "5,15,60" or "1m,5m,15m,1H,4H,1D" (got "7, 9 ,5")',
    });
    const long = `7,${'5,'.repeat(30)}`;
    expect(parseTimeframeList(long)).toMatchObject({
      message: expect.stringMatching(/\(got "7,5,5.*… \(64 characters\)\)$/) as string,
    });
    expect(parseTimeframeList(' , ,')).toEqual({ ok: true, timeframes: [] });
  });
});
