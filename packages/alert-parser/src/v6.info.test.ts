import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/alerts.js';
import { alertOf, issueFor, rejected, v6Fields } from './__fixtures__/assertions.js';
import { ParseErrorCode, V6_SIGNALS, parseAlert } from './index.js';

const CHANGED_HINT = 'list the changed timeframes as "15,60" or "15:BULL→BEAR,60:SIDE→BULL"';
const pulse = (changed: string, counts = '4|2', state = 'TRENDING_BULLISH') =>
  `TREND_PULSE|XAUUSD|15|${counts}|${changed}|${state}`;

describe('V6 exits', () => {
  it('normalises the real bullish exit as a whole', () => {
    const text = fixture('v6 exit bullish').body;
    expect(alertOf(parseAlert(text))).toEqual({
      ...v6Fields('EXIT_BULLISH', 5),
      kind: 'exit',
      price: 2031.2,
      closeSide: 'sell',
      raw: { signal: 'EXIT_BULLISH', symbol: 'XAUUSD', tf: '5', price: '2031.2', bars: '3', text },
    });
  });

  it('takes bars from 0 to 1000000, or blank', () => {
    for (const bars of ['0', '1000000', '']) alertOf(parseAlert(`EXIT_BEARISH|XAUUSD|5|2031.2|${bars}|`));
    expect(issueFor(parseAlert('EXIT_BEARISH|XAUUSD|5|2031.2|1000001'), 'bars')).toBe(
      '"1000001" is out of range; it must be a whole number from 0 to 1000000 (field 5 of the pipe text)',
    );
    expect(issueFor(parseAlert('EXIT_BEARISH|XAUUSD|5|2031.2|-1'), 'bars')).toMatch(/^"-1" is out of range/);
  });

  it('refuses an exit price of zero with its example', () => {
    expect(issueFor(parseAlert('EXIT_BULLISH|XAUUSD|5|0'), 'price')).toBe(
      '"0" must be greater than 0, e.g. 2031.20 (field 4 of the pipe text)',
    );
  });
});

describe('V6 TREND_PULSE', () => {
  it('normalises a pulse that names its changes as a whole', () => {
    const text = pulse('15:bull->bear,60:SIDE → BULL, 240 : BEAR→SIDE');
    expect(alertOf(parseAlert(text))).toEqual({
      ...v6Fields('TREND_PULSE', 15),
      kind: 'trend_pulse',
      currentTrends: { 15: -1, 60: 1, 240: 0 },
      previousTrends: { 15: 1, 60: 0, 240: -1 },
      changedTimeframes: [15, 60, 240],
      message: 'TRENDING_BULLISH: 4 bullish, 2 bearish of 6 timeframes',
      raw: {
        signal: 'TREND_PULSE',
        symbol: 'XAUUSD',
        tf: '15',
        bullish_count: '4',
        bearish_count: '2',
        changed: '15:bull->bear,60:SIDE → BULL, 240 : BEAR→SIDE',
        state: 'TRENDING_BULLISH',
        text,
      },
    });
  });

  it('reads plain and empty changed lists without trends, each timeframe once', () => {
    const plain = alertOf(parseAlert(pulse('1H,15,15,')));
    expect(plain).toMatchObject({ changedTimeframes: [60, 15], currentTrends: {} });
    expect(plain).not.toHaveProperty('previousTrends');
    expect(alertOf(parseAlert(pulse('')))).toMatchObject({ changedTimeframes: [], currentTrends: {} });
  });

  it('refuses a change that is not a timeframe or has half an arrow', () => {
    for (const item of ['7', '15:BULL', '15:UP→BEAR', ':BULL→BEAR', 'x:15', 'BAD:60']) {
      expect(issueFor(parseAlert(pulse(`60,${item}`)), 'changed')).toBe(
        `${JSON.stringify(item)} is not a timeframe change; ${CHANGED_HINT} (field 6 of the pipe text)`,
      );
    }
  });

  it('takes counts from 0 to 6 that add up to at most 6', () => {
    for (const counts of ['0|0', '6|0', '0|6', '3|3']) alertOf(parseAlert(pulse('15', counts)));
    expect(rejected(parseAlert(pulse('15', '4|3'))).issues).toEqual([
      {
        field: 'bearish_count',
        message: '4 bullish and 3 bearish add up to more than the 6 timeframes Pine tracks; check the field order',
      },
    ]);
    expect(issueFor(parseAlert(pulse('15', '7|0')), 'bullish_count')).toBe(
      '"7" is out of range; it must be a whole number from 0 to 6 (field 4 of the pipe text)',
    );
    const badBears = rejected(parseAlert(pulse('15', '5|x')));
    expect(badBears.issues.map((issue) => issue.field)).toEqual(['bearish_count']);
    const badBulls = rejected(parseAlert(pulse('15', '-1|6')));
    expect(badBulls.issues.map((issue) => issue.field)).toEqual(['bullish_count']);
  });

  it('reads every market state in any case', () => {
    for (const state of ['TRENDING_BULLISH', 'TRENDING_BEARISH', 'MIXED_BULLISH', 'MIXED_BEARISH', 'neutral']) {
      expect(alertOf(parseAlert(pulse('15', '1|1', state))).message).toBe(
        `${state.toUpperCase()}: 1 bullish, 1 bearish of 6 timeframes`,
      );
    }
  });
});

describe('V6 STATE_CHANGE', () => {
  it('normalises a state change as a pulse with a message', () => {
    const text = 'STATE_CHANGE|XAUUSD|15|mixed_bearish|TRENDING_BULLISH|2/4';
    expect(alertOf(parseAlert(text))).toEqual({
      ...v6Fields('STATE_CHANGE', 15),
      kind: 'trend_pulse',
      currentTrends: {},
      changedTimeframes: [],
      message: 'market state TRENDING_BULLISH → MIXED_BEARISH (2/4 bullish/bearish)',
      raw: {
        signal: 'STATE_CHANGE',
        symbol: 'XAUUSD',
        tf: '15',
        state: 'mixed_bearish',
        previous_state: 'TRENDING_BULLISH',
        alignment: '2/4',
        text,
      },
    });
  });

  it('refuses unknown states and an alignment that is not two counts', () => {
    const result = parseAlert('STATE_CHANGE|XAUUSD|15|TRENDING|SIDEWAYS|5-1');
    expect(issueFor(result, 'state')).toMatch(/^"TRENDING" is not valid; use one of TRENDING_BULLISH, /);
    expect(issueFor(result, 'previous_state')).toMatch(/\(field 5 of the pipe text\)$/);
    expect(issueFor(result, 'alignment')).toBe(
      '"5-1" is not bullish/bearish counts such as 5/1 (field 6 of the pipe text)',
    );
    expect(alertOf(parseAlert('STATE_CHANGE|XAUUSD|15|NEUTRAL|NEUTRAL|12/10')).message).toContain('(12/10 bullish');
    for (const alignment of ['5/', '/1', 'a/b', ' 5/1x', 'x5/1']) {
      issueFor(parseAlert(`STATE_CHANGE|XAUUSD|15|NEUTRAL|NEUTRAL|5/1|${alignment}`), '(body)');
      issueFor(parseAlert(`STATE_CHANGE|XAUUSD|15|NEUTRAL|NEUTRAL|${alignment}`), 'alignment');
    }
  });
});

describe('V6 screener', () => {
  it('normalises the full screener as a bias', () => {
    const text = 'SCREENER_FULL_BEARISH|EURUSD|240|9| MACD,RSI ';
    expect(alertOf(parseAlert(text))).toEqual({
      ...v6Fields('SCREENER_FULL_BEARISH', 240, 'EURUSD'),
      kind: 'bias',
      trend: -1,
      raw: {
        signal: 'SCREENER_FULL_BEARISH',
        symbol: 'EURUSD',
        tf: '240',
        indicator_count: '9',
        indicators: 'MACD,RSI',
        text: text.trim(),
      },
    });
  });

  it('takes an indicator count from 0 to 99 and a list of up to 200 characters', () => {
    alertOf(parseAlert('SCREENER_FULL_BULLISH|EURUSD|60|0|'.concat('i'.repeat(200))));
    alertOf(parseAlert('SCREENER_FULL_BULLISH|EURUSD|60|99|RSI'));
    expect(issueFor(parseAlert('SCREENER_FULL_BULLISH|EURUSD|60|100|RSI'), 'indicator_count')).toBe(
      '"100" is out of range; it must be a whole number from 0 to 99 (field 4 of the pipe text)',
    );
    expect(issueFor(parseAlert('SCREENER_FULL_BULLISH|EURUSD|60|9|'.concat('i'.repeat(201))), 'indicators')).toMatch(
      /^is 201 characters long .*; keep it to 200 \(field 5 of the pipe text\)$/,
    );
  });
});

describe('V6 message names and field counts', () => {
  it('lists every known name, handled ones first', () => {
    expect(V6_SIGNALS).toEqual([
      'BULLISH_ENTRY',
      'BEARISH_ENTRY',
      'SIDEWAYS_BREAKOUT',
      'TRENDLINE_BULLISH_BREAK',
      'TRENDLINE_BEARISH_BREAK',
      'BREAKOUT',
      'BREAKDOWN',
      'EXIT_BULLISH',
      'EXIT_BEARISH',
      'TREND_PULSE',
      'STATE_CHANGE',
      'SCREENER_FULL_BULLISH',
      'SCREENER_FULL_BEARISH',
      'MOMENTUM_CHANGE',
    ]);
  });

  it('refuses MOMENTUM_CHANGE in any case with how to stop it', () => {
    const result = parseAlert(' momentum_change |XAUUSD|15');
    expect(rejected(result, ParseErrorCode.Unsupported).issues).toEqual([
      {
        field: 'signal',
        message:
          'MOMENTUM_CHANGE (ADX momentum) has no Zepix alert kind yet; to stop these alerts, switch off "Enable Real-Time Monitoring" in the indicator settings (this also stops STATE_CHANGE)',
      },
    ]);
  });

  it('refuses an unknown or empty first field', () => {
    const list = V6_SIGNALS.join(', ');
    expect(rejected(parseAlert('|XAUUSD|5'), ParseErrorCode.UnknownFormat).issues).toEqual([
      { field: 'signal', message: `"" is not a known V6 alert; the first field must be one of ${list}` },
    ]);
    expect(issueFor(parseAlert('Exit_Bull|XAUUSD|5|1'), 'signal')).toBe(
      `"Exit_Bull" is not a known V6 alert; the first field must be one of ${list}`,
    );
  });

  it('accepts exactly the required and the full count, and refuses one fewer or one more', () => {
    const head = 'BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|HIGH|85|25.5';
    expect(issueFor(parseAlert(head), '(body)')).toBe(
      'BULLISH_ENTRY needs 9 to 15 fields (BULLISH_ENTRY|symbol|tf|price|direction|confidence|score|adx|adx_strength|sl|tp1|tp2|tp3|alignment|trendline), got 8: the message looks cut off; check the Pine alert() message',
    );
    alertOf(parseAlert(`${head}|STRONG`));
    alertOf(parseAlert(`${head}|STRONG|1|2|3|4|5/1|TL_OK`));
    expect(issueFor(parseAlert(`${head}|STRONG|1|2|3|4|5/1|TL_OK|x`), '(body)')).toMatch(
      /^BULLISH_ENTRY needs 9 to 15 fields .*, got 16: remove the extra fields; check the Pine alert\(\) message$/,
    );
    expect(issueFor(parseAlert('STATE_CHANGE|XAUUSD|15|NEUTRAL|NEUTRAL|5/1|x'), '(body)')).toBe(
      'STATE_CHANGE needs 6 fields (STATE_CHANGE|symbol|tf|state|previous_state|alignment), got 7: remove the extra fields; check the Pine alert() message',
    );
    expect(issueFor(parseAlert('EXIT_BULLISH|XAUUSD|5'), '(body)')).toMatch(
      /^EXIT_BULLISH needs 4 to 5 fields .* got 3/,
    );
  });

  it('keeps an empty last field when it is the only one, and trims every field', () => {
    rejected(parseAlert('|'), ParseErrorCode.UnknownFormat);
    expect(alertOf(parseAlert(' exit_bearish | oanda:xauusd | 5 | 2031.2 '))).toMatchObject({
      closeSide: 'buy',
      symbol: 'XAUUSD',
      rawSymbol: 'oanda:xauusd',
      signalType: 'EXIT_BEARISH',
    });
  });
});
