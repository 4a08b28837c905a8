import { describe, expect, it } from 'vitest';
import { accepted, expectWellFormed, issueFor, rejected } from './__fixtures__/assertions.js';
import { ParseErrorCode, V6_SIGNALS, parseAlert } from './index.js';

const ENTRY = 'BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|HIGH|85|25.5|STRONG|2028.00|2032.00|2035.00|2038.00|5/1|TL_OK';

describe('V6 entries', () => {
  it('keeps every field by name plus the original text in raw', () => {
    expect(accepted(parseAlert(ENTRY)).raw).toEqual({
      signal: 'BULLISH_ENTRY',
      symbol: 'XAUUSD',
      tf: '5',
      price: '2030.50',
      direction: 'BUY',
      confidence: 'HIGH',
      score: '85',
      adx: '25.5',
      adx_strength: 'STRONG',
      sl: '2028.00',
      tp1: '2032.00',
      tp2: '2035.00',
      tp3: '2038.00',
      alignment: '5/1',
      trendline: 'TL_OK',
      text: ENTRY,
    });
  });

  it('accepts the trailing pipe that Pine appends', () => {
    expect(accepted(parseAlert(`${ENTRY}|`)).kind).toBe('entry');
  });

  it('accepts entries whose optional groups are switched off in Pine', () => {
    const bare = accepted(parseAlert('BEARISH_ENTRY|EURUSD|60|1.0850|SELL|LOW|40|NA|NA|'));
    expect(bare).toMatchObject({ direction: 'sell', timeframe: 60, levels: {} });
    const noLevels = accepted(parseAlert('BULLISH_ENTRY|EURUSD|15|1.0850|BUY|MODERATE|65|22.1|MODERATE|4/2|TL_BREAK'));
    expect(noLevels.raw).toMatchObject({ alignment: '4/2', trendline: 'TL_BREAK' });
  });

  it('reads a lower-case signal name, a prefixed symbol, the symbol map and a daily timeframe', () => {
    const alert = accepted(
      parseAlert(ENTRY.replace('BULLISH_ENTRY|XAUUSD|5', 'bullish_entry|OANDA:XAUUSD|1D'), {
        symbolMap: { XAUUSD: 'GOLD' },
      }),
    );
    expect(alert).toMatchObject({
      symbol: 'GOLD',
      rawSymbol: 'OANDA:XAUUSD',
      timeframe: 1440,
      signalType: 'BULLISH_ENTRY',
    });
  });

  it('refuses a direction that contradicts the signal name', () => {
    expect(issueFor(parseAlert(ENTRY.replace('|BUY|', '|SELL|')), 'direction')).toMatch(
      /"SELL" does not match BULLISH_ENTRY, which must say BUY; .*\(field 5 of the pipe text\)/,
    );
  });

  it('explains a NaN level printed by Pine', () => {
    expect(issueFor(parseAlert(ENTRY.replace('2028.00', 'NaN')), 'sl')).toMatch(/na when the alert fired/);
  });

  it('refuses fields that fit no optional group, such as a cut-off level list', () => {
    const message = issueFor(
      parseAlert('BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|HIGH|85|25.5|STRONG|2028.00|2032.00'),
      '(body)',
    );
    expect(message).toMatch(/2 field\(s\) after adx strength do not fit .*sl\|tp1\|tp2\|tp3 \(all four or none\)/);
  });

  it('reads the other entry messages of the V6 script', () => {
    const cases: readonly [string, Record<string, unknown>][] = [
      ['SIDEWAYS_BREAKOUT|XAUUSD|15|BULLISH|27.4|STRONG|SIDEWAYS|INCREASING', { direction: 'buy', levels: {} }],
      ['SIDEWAYS_BREAKOUT|XAUUSD|15|BEARISH|NA|NA|SIDEWAYS|INCREASING', { direction: 'sell' }],
      ['TRENDLINE_BULLISH_BREAK|XAUUSD|5|2031.4|0.00012|14', { direction: 'buy', price: 2031.4 }],
      ['TRENDLINE_BEARISH_BREAK|XAUUSD|5|2031.4|-0.0003|9', { direction: 'sell' }],
      ['BREAKOUT|XAUUSD|60|2045.1|3|1200|1260', { direction: 'buy', price: 2045.1 }],
      ['BREAKDOWN|XAUUSD|60|2010.7|2|1180|1260', { direction: 'sell', price: 2010.7 }],
    ];
    for (const [text, expected] of cases)
      expect(accepted(parseAlert(text)), text).toMatchObject({ kind: 'entry', ...expected });
  });

  it('refuses a sideways breakout without a direction', () => {
    expect(
      issueFor(parseAlert('SIDEWAYS_BREAKOUT|XAUUSD|15|NEUTRAL|27.4|STRONG|SIDEWAYS|INCREASING'), 'direction'),
    ).toMatch(/"NEUTRAL" is not valid for a sideways breakout; use one of BULLISH, BEARISH/);
  });
});

describe('V6 exits and information', () => {
  it('closes sells on EXIT_BULLISH and buys on EXIT_BEARISH, with or without the bar count', () => {
    expect(accepted(parseAlert('EXIT_BULLISH|XAUUSD|5|2031.2|15'))).toMatchObject({ kind: 'exit', closeSide: 'sell' });
    expect(accepted(parseAlert('EXIT_BEARISH|XAUUSD|5|2031.2'))).toMatchObject({ kind: 'exit', closeSide: 'buy' });
  });

  it('reads trend changes when the pulse names them, as the V6 script writes them', () => {
    const alert = accepted(parseAlert('TREND_PULSE|XAUUSD|15|5|1|15:BEAR→BULL,60:SIDE->BULL|TRENDING_BULLISH'));
    expect(alert).toMatchObject({
      kind: 'trend_pulse',
      changedTimeframes: [15, 60],
      currentTrends: { 15: 1, 60: 1 },
      previousTrends: { 15: -1, 60: 0 },
      message: 'TRENDING_BULLISH: 5 bullish, 1 bearish of 6 timeframes',
    });
  });

  it('refuses pulse counts above six and unknown market states', () => {
    const result = parseAlert('TREND_PULSE|XAUUSD|15|5|4|15|SUPER_BULLISH');
    expect(issueFor(result, 'bearish_count')).toMatch(/add up to more than the 6 timeframes/);
    expect(issueFor(result, 'state')).toMatch(/"SUPER_BULLISH" is not valid; use one of TRENDING_BULLISH, /);
  });

  it('reads STATE_CHANGE as a pulse without per-timeframe trends', () => {
    const alert = accepted(parseAlert('STATE_CHANGE|XAUUSD|15|TRENDING_BULLISH|NEUTRAL|5/1'));
    expect(alert).toMatchObject({ kind: 'trend_pulse', currentTrends: {}, changedTimeframes: [] });
    expect(alert).toMatchObject({ message: 'market state NEUTRAL → TRENDING_BULLISH (5/1 bullish/bearish)' });
  });

  it('reads the full screener as a bias', () => {
    const text = '|XAUUSD|60|9|MACD,STOCH,VORTEX,MOMENTUM,RSI,PSAR,DMI,MFI,FISHER';
    expect(accepted(parseAlert(`SCREENER_FULL_BULLISH${text}`))).toMatchObject({ kind: 'bias', trend: 1 });
    expect(accepted(parseAlert(`SCREENER_FULL_BEARISH${text}`))).toMatchObject({ kind: 'bias', trend: -1 });
  });
});

describe('V6 refusals', () => {
  it('says how many fields were expected and got', () => {
    expect(issueFor(parseAlert('EXIT_BULLISH|XAUUSD|5|2031.2|15|extra'), '(body)')).toBe(
      'EXIT_BULLISH needs 4 to 5 fields (EXIT_BULLISH|symbol|tf|price|bars), got 6: remove the extra fields; check the Pine alert() message',
    );
    expect(issueFor(parseAlert('TREND_PULSE|XAUUSD|15'), '(body)')).toMatch(
      /TREND_PULSE needs 7 fields .*got 3: the message looks cut off/,
    );
  });

  it('refuses an unknown signal name with the list of known ones', () => {
    const result = parseAlert('MEGA_ENTRY|XAUUSD|5|2030.5');
    rejected(result, ParseErrorCode.UnknownFormat);
    expect(issueFor(result, 'signal')).toContain(`must be one of ${V6_SIGNALS.join(', ')}`);
  });

  it('refuses MOMENTUM_CHANGE as unsupported and says how to stop it', () => {
    const result = parseAlert('MOMENTUM_CHANGE|XAUUSD|15|28.5|STRONG|22.3|MODERATE|INCREASING');
    rejected(result, ParseErrorCode.Unsupported);
    expect(issueFor(result, 'signal')).toMatch(/Enable Real-Time Monitoring/);
  });

  it('reports every bad field of one message', () => {
    const result = parseAlert('BULLISH_ENTRY|XAU USD|7|-5|BUY|HUGE|185|x|STRONG');
    expectWellFormed(result);
    expect(rejected(result).issues.map((issue) => issue.field)).toEqual([
      'symbol',
      'tf',
      'price',
      'confidence',
      'score',
      'adx',
    ]);
  });
});
