import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/alerts.js';
import { alertOf, issueFor, rejected, v6Fields } from './__fixtures__/assertions.js';
import { ParseErrorCode, parseAlert } from './index.js';

const HEAD = 'BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|HIGH|85|25.5|STRONG';
const LEVELS = '2028.00|2032.00|2035.00|2038.00';
const TAIL_HINT =
  'after the first 9 fields come sl|tp1|tp2|tp3 (all four or none), then the alignment such as 5/1, then TL_OK or TL_BREAK';

/** The entry head with field `index` (1-based) replaced. */
function entryWith(index: number, value: string, tail = ''): string {
  const fields = HEAD.split('|');
  fields[index - 1] = value;
  return fields.join('|') + tail;
}

describe('V6 BULLISH_ENTRY and BEARISH_ENTRY', () => {
  it('normalises the real bearish entry as a whole', () => {
    const text = fixture('v6 bearish entry').body;
    const alert = alertOf(parseAlert(text));
    expect(alert).toEqual({
      ...v6Fields('BEARISH_ENTRY', 15),
      kind: 'entry',
      price: 2041.2,
      direction: 'sell',
      confidence: 'MODERATE',
      levels: { sl: 2044, tp1: 2038.5, tp2: 2035, tp3: 2031 },
      raw: expect.objectContaining({ alignment: '1/5', trendline: 'TL_BREAK', text }) as unknown,
    });
  });

  it('keeps only the nine fixed fields in raw when no optional group is sent', () => {
    expect(Object.keys(alertOf(parseAlert(HEAD)).raw)).toEqual([
      'signal',
      'symbol',
      'tf',
      'price',
      'direction',
      'confidence',
      'score',
      'adx',
      'adx_strength',
      'text',
    ]);
  });

  it.each(['HIGH', 'MODERATE', 'MEDIUM', 'LOW', 'high'])('takes confidence %s', (confidence) => {
    expect(alertOf(parseAlert(entryWith(6, confidence))).confidence).toBe(confidence.toUpperCase());
  });

  it('refuses other confidence labels, naming the field position', () => {
    expect(issueFor(parseAlert(entryWith(6, 'VERY_HIGH')), 'confidence')).toBe(
      '"VERY_HIGH" is not valid; use one of HIGH, MODERATE, MEDIUM, LOW (field 6 of the pipe text)',
    );
  });

  it('takes a score from 0 to 100', () => {
    for (const score of ['0', '100']) alertOf(parseAlert(entryWith(7, score)));
    expect(issueFor(parseAlert(entryWith(7, '101')), 'score')).toBe(
      '"101" is out of range; it must be a whole number from 0 to 100 (field 7 of the pipe text)',
    );
    expect(issueFor(parseAlert(entryWith(7, '-1')), 'score')).toMatch(/^"-1" is out of range/);
  });

  it('takes an ADX of 0 or more, or NA in any case', () => {
    for (const adx of ['0', 'NA', 'na', ' Na ']) alertOf(parseAlert(entryWith(8, adx)));
    expect(issueFor(parseAlert(entryWith(8, '-0.1')), 'adx')).toBe(
      '"-0.1" is not an ADX value; send a number such as 25.5, or NA (field 8 of the pipe text)',
    );
    expect(issueFor(parseAlert(entryWith(8, 'NAN')), 'adx')).toMatch(/^"NAN" is not an ADX value/);
  });

  it.each(['STRONG', 'MODERATE', 'WEAK', 'NA', 'weak'])('takes ADX strength %s', (strength) => {
    alertOf(parseAlert(entryWith(9, strength)));
  });

  it('refuses other ADX strengths', () => {
    expect(issueFor(parseAlert(entryWith(9, 'HUGE')), 'adx_strength')).toBe(
      '"HUGE" is not valid; use one of STRONG, MODERATE, WEAK, NA (field 9 of the pipe text)',
    );
  });

  it('takes the side in any case but only the one the name says', () => {
    expect(alertOf(parseAlert(entryWith(5, 'buy'))).direction).toBe('buy');
    const bearish = entryWith(1, 'BEARISH_ENTRY');
    expect(issueFor(parseAlert(bearish), 'direction')).toBe(
      '"BUY" does not match BEARISH_ENTRY, which must say SELL; check the Pine alert message (field 5 of the pipe text)',
    );
    expect(alertOf(parseAlert(bearish.replace('|BUY|', '| sell |'))).direction).toBe('sell');
  });

  it('refuses a price of zero and explains a missing one', () => {
    expect(issueFor(parseAlert(entryWith(4, '0')), 'price')).toBe(
      '"0" must be greater than 0, e.g. 2030.50 (field 4 of the pipe text)',
    );
    expect(issueFor(parseAlert(entryWith(4, '')), 'price')).toBe(
      '"" is not a number; send a number such as 2030.50 (field 4 of the pipe text)',
    );
  });
});

describe('V6 entry optional groups', () => {
  it('reads levels alone, alignment alone, the trendline alone, and levels with the trendline', () => {
    expect(alertOf(parseAlert(`${HEAD}|${LEVELS}`)).levels).toEqual({ sl: 2028, tp1: 2032, tp2: 2035, tp3: 2038 });
    expect(alertOf(parseAlert(`${HEAD}|6/0`)).raw).toMatchObject({ alignment: '6/0' });
    expect(alertOf(parseAlert(`${HEAD}|tl_break`)).raw).toMatchObject({ trendline: 'tl_break' });
    const both = alertOf(parseAlert(`${HEAD}|${LEVELS}|TL_OK`));
    expect(both.raw).toMatchObject({ tp3: '2038.00', trendline: 'TL_OK' });
    expect(both.raw).not.toHaveProperty('alignment');
  });

  it('reads levels written as integers, with a sign or an exponent', () => {
    const levels = alertOf(parseAlert(`${HEAD}|2028|+2032|2.035e3|.5`)).levels;
    expect(levels).toEqual({ sl: 2028, tp1: 2032, tp2: 2035, tp3: 0.5 });
    expect(alertOf(parseAlert(`${HEAD}|.25|1e+3|2E10|20.e-1`)).levels).toEqual({
      sl: 0.25,
      tp1: 1000,
      tp2: 2e10,
      tp3: 2,
    });
  });

  it('takes multi-digit alignment counts, and only whole fields as a group', () => {
    expect(alertOf(parseAlert(`${HEAD}|12/10|TL_OK`)).raw).toMatchObject({ alignment: '12/10', trendline: 'TL_OK' });
    for (const tail of ['x1|2|3|4', '1x|2|3|4', '1|2|3|4|x5/1', '1|2|3|4|XTL_OK']) {
      expect(issueFor(parseAlert(`${HEAD}|${tail}`), '(body)'), tail).toMatch(
        /field\(s\) after adx strength do not fit/,
      );
    }
  });

  it('explains na levels and refuses levels of zero or below with their own example', () => {
    const result = parseAlert(`${HEAD}|na|0|-1|NaN`);
    expect(issueFor(result, 'sl')).toBe(
      'is "na": the Pine series was na when the alert fired; guard the alert() call with not na(...) (field 10 of the pipe text)',
    );
    expect(issueFor(result, 'tp1')).toBe('"0" must be greater than 0, e.g. 2032.00 (field 11 of the pipe text)');
    expect(issueFor(result, 'tp2')).toBe('"-1" must be greater than 0, e.g. 2035.00 (field 12 of the pipe text)');
    expect(issueFor(result, 'tp3')).toMatch(/^is "NaN": the Pine series was na/);
    const ends = parseAlert(`${HEAD}|0|1|1|-2`);
    expect(issueFor(ends, 'sl')).toBe('"0" must be greater than 0, e.g. 2028.00 (field 10 of the pipe text)');
    expect(issueFor(ends, 'tp3')).toBe('"-2" must be greater than 0, e.g. 2038.00 (field 13 of the pipe text)');
  });

  it('refuses a tail whose levels are not all numbers, counting every field that does not fit', () => {
    const result = parseAlert(`${HEAD}|2028|2032|x|2038`);
    expect(rejected(result, ParseErrorCode.Invalid).issues).toEqual([
      {
        field: '(body)',
        message: `4 field(s) after adx strength do not fit ("2028", "2032", "x", "2038"); ${TAIL_HINT}`,
      },
    ]);
  });

  it('refuses a field after the trendline state and one in the wrong order', () => {
    expect(issueFor(parseAlert(`${HEAD}|5/1|TL_OK|extra`), '(body)')).toBe(
      `1 field(s) after adx strength do not fit ("extra"); ${TAIL_HINT}`,
    );
    expect(issueFor(parseAlert(`${HEAD}|TL_OK|5/1`), '(body)')).toMatch(/^1 field\(s\) .* \("5\/1"\)/);
    expect(issueFor(parseAlert(`${HEAD}|5/1x`), '(body)')).toMatch(/\("5\/1x"\)/);
    expect(issueFor(parseAlert(`${HEAD}|TL_OKAY`), '(body)')).toMatch(/\("TL_OKAY"\)/);
  });

  it('reports bad head fields and a tail that does not fit together', () => {
    const result = parseAlert(`${entryWith(7, '101')}|x`);
    expect(rejected(result).issues.map((issue) => issue.field)).toEqual(['score', '(body)']);
  });
});

describe('V6 other entries', () => {
  it('normalises a sideways breakout, without a price', () => {
    const text = 'SIDEWAYS_BREAKOUT|XAUUSD|15|bearish|27.4|STRONG|SIDEWAYS|INCREASING';
    expect(alertOf(parseAlert(text))).toEqual({
      ...v6Fields('SIDEWAYS_BREAKOUT', 15),
      kind: 'entry',
      direction: 'sell',
      levels: {},
      raw: {
        signal: 'SIDEWAYS_BREAKOUT',
        symbol: 'XAUUSD',
        tf: '15',
        direction: 'bearish',
        adx: '27.4',
        adx_strength: 'STRONG',
        previous_state: 'SIDEWAYS',
        momentum: 'INCREASING',
        text,
      },
    });
    expect(issueFor(parseAlert(text.replace('STRONG', 'BIG')), 'adx_strength')).toMatch(/field 6 of the pipe text/);
    expect(issueFor(parseAlert(text.replace('27.4', '-1')), 'adx')).toMatch(/^"-1" is not an ADX value/);
  });

  it('normalises a trendline break with its price, and checks slope and bars since the pivot', () => {
    const text = 'TRENDLINE_BEARISH_BREAK|XAUUSD|5|2031.4|-0.0003|0';
    expect(alertOf(parseAlert(text))).toEqual({
      ...v6Fields('TRENDLINE_BEARISH_BREAK', 5),
      kind: 'entry',
      price: 2031.4,
      direction: 'sell',
      levels: {},
      raw: {
        signal: 'TRENDLINE_BEARISH_BREAK',
        symbol: 'XAUUSD',
        tf: '5',
        price: '2031.4',
        slope: '-0.0003',
        bars_since_pivot: '0',
        text,
      },
    });
    alertOf(parseAlert('TRENDLINE_BULLISH_BREAK|XAUUSD|5|2031.4|0|1000000'));
    const result = parseAlert('TRENDLINE_BULLISH_BREAK|XAUUSD|5|0|up|1000001');
    expect(issueFor(result, 'price')).toBe('"0" must be greater than 0, e.g. 2030.50 (field 4 of the pipe text)');
    expect(issueFor(result, 'slope')).toBe('"up" is not a number (field 5 of the pipe text)');
    expect(issueFor(result, 'bars_since_pivot')).toBe(
      '"1000001" is out of range; it must be a whole number from 0 to 1000000 (field 6 of the pipe text)',
    );
  });

  it('normalises a breakout at its level and checks the test count', () => {
    const text = 'BREAKOUT|XAUUSD|60|2045.1|1000|1200|1260';
    expect(alertOf(parseAlert(text))).toEqual({
      ...v6Fields('BREAKOUT', 60),
      kind: 'entry',
      price: 2045.1,
      direction: 'buy',
      levels: {},
      raw: {
        signal: 'BREAKOUT',
        symbol: 'XAUUSD',
        tf: '60',
        level: '2045.1',
        tests: '1000',
        start_bar: '1200',
        bar_index: '1260',
        text,
      },
    });
    const result = parseAlert('BREAKDOWN|XAUUSD|60|-2|1001|1200|1260');
    expect(issueFor(result, 'level')).toBe('"-2" must be greater than 0, e.g. 2030.50 (field 4 of the pipe text)');
    expect(issueFor(result, 'tests')).toBe(
      '"1001" is out of range; it must be a whole number from 0 to 1000 (field 5 of the pipe text)',
    );
    expect(alertOf(parseAlert('BREAKDOWN|XAUUSD|60|2010.7|0|1180|1260')).direction).toBe('sell');
  });
});
