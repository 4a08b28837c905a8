import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/alerts.js';
import { alertOf, issueFor, rejected } from './__fixtures__/assertions.js';
import { ParseErrorCode, parseAlert } from './index.js';
import { V3_ENTRY_SIGNALS } from './v3.js';

type Body = Record<string, unknown>;

function from(name: string) {
  return (changes: Body = {}, drop: readonly string[] = []): Body => {
    const body: Body = { ...(JSON.parse(fixture(name).body) as Body), ...changes };
    for (const key of drop) delete body[key];
    return body;
  };
}
const entry = from('v3 entry institutional launchpad');
const exit = from('v3 bullish exit closes shorts');
const squeeze = from('v3 squeeze no direction');
const pulse = from('v3 trend pulse six values');
const TF_HINT =
  'send the chart interval in minutes (1, 3, 5, 15, 30, 45, 60, 120, 180, 240, 1440) or "1D" for daily, as Pine\'s timeframe.period gives it';

describe('V3 entry', () => {
  it('normalises the whole alert', () => {
    const body = entry({ confidence: ' HIGH ' });
    expect(alertOf(parseAlert(body))).toEqual({
      family: 'v3',
      kind: 'entry',
      symbol: 'XAUUSD',
      rawSymbol: 'XAUUSD',
      timeframe: 15,
      price: 2030,
      signalType: 'Institutional_Launchpad',
      consensusScore: 8,
      marketTrend: 1,
      direction: 'buy',
      levels: { sl: 2028, tp1: 2032, tp2: 2035 },
      mtfTrends: { 1440: 1, 240: 1, 60: 1, 15: 1, 5: 1 },
      positionMultiplier: 0.8,
      confidence: 'HIGH',
      raw: body,
    });
  });

  it.each(V3_ENTRY_SIGNALS)('accepts %s in any letter case as its canonical name', (signal) => {
    const alert = alertOf(parseAlert(entry({ signal_type: ` ${signal.toUpperCase()} ` })));
    expect(alert).toMatchObject({ kind: 'entry', signalType: signal });
  });

  it('refuses a signal_type next to a real one, and a missing one, listing every entry signal', () => {
    const list = V3_ENTRY_SIGNALS.join(', ');
    expect(issueFor(parseAlert(entry({ signal_type: 'Momentum_Breakouts' })), 'signal_type')).toBe(
      `"Momentum_Breakouts" is not valid for entry_v3; use one of ${list}`,
    );
    expect(issueFor(parseAlert(entry({ signal_type: 'Bullish_Exit' })), 'signal_type')).toMatch(/is not valid/);
    expect(issueFor(parseAlert(entry({}, ['signal_type'])), 'signal_type')).toBe(
      `is missing for entry_v3; use one of ${list}`,
    );
  });

  it('reads direction buy or sell in any case and refuses anything else', () => {
    expect(alertOf(parseAlert(entry({ direction: 'SELL' })))).toMatchObject({ direction: 'sell' });
    expect(issueFor(parseAlert(entry({ direction: 'long' })), 'direction')).toBe(
      '"long" is not valid on an entry_v3 alert; use one of buy, sell',
    );
    expect(issueFor(parseAlert(entry({ direction: null })), 'direction')).toBe(
      'is missing on an entry_v3 alert; use one of buy, sell',
    );
  });

  it('reads each level on its own and refuses a level of zero with its own example', () => {
    const levels = ['sl_price', 'tp1_price', 'tp2_price'];
    const only = (key: string) =>
      alertOf(
        parseAlert(
          entry(
            {},
            levels.filter((item) => item !== key),
          ),
        ),
      ).levels;
    expect(only('sl_price')).toEqual({ sl: 2028 });
    expect(only('tp1_price')).toEqual({ tp1: 2032 });
    expect(only('tp2_price')).toEqual({ tp2: 2035 });
    expect(alertOf(parseAlert(entry({ sl_price: '2027.5' }))).levels).toMatchObject({ sl: 2027.5 });
    const result = parseAlert(entry({ sl_price: 0, tp1_price: -1, tp2_price: '0' }));
    expect(issueFor(result, 'sl_price')).toBe('0 must be greater than 0, e.g. 2028.00');
    expect(issueFor(result, 'tp1_price')).toBe('-1 must be greater than 0, e.g. 2032.00');
    expect(issueFor(result, 'tp2_price')).toBe('"0" must be greater than 0, e.g. 2035.00');
  });

  it('takes a position multiplier above 0 and up to 10', () => {
    expect(alertOf(parseAlert(entry({ position_multiplier: 10 }))).positionMultiplier).toBe(10);
    expect(alertOf(parseAlert(entry({ position_multiplier: '0.01' }))).positionMultiplier).toBe(0.01);
    expect(issueFor(parseAlert(entry({ position_multiplier: 10.01 })), 'position_multiplier')).toBe(
      '10.01 is too large; a position multiplier is a factor such as 0.6, 0.8 or 1.0 (at most 10)',
    );
    expect(issueFor(parseAlert(entry({ position_multiplier: 0 })), 'position_multiplier')).toBe(
      '0 must be greater than 0, e.g. 0.8',
    );
    expect(issueFor(parseAlert(entry({ position_multiplier: 'x' })), 'position_multiplier')).toBe(
      '"x" is not a number; send a number such as 0.8',
    );
  });

  it('takes a consensus score from 0 to 9 and a market trend of -1, 0 or 1', () => {
    for (const score of [0, 9, '5']) {
      expect(alertOf(parseAlert(entry({ consensus_score: score }))).consensusScore).toBe(Number(score));
    }
    expect(issueFor(parseAlert(entry({ consensus_score: 10 })), 'consensus_score')).toBe(
      '10 is out of range; it must be a whole number from 0 to 9',
    );
    expect(issueFor(parseAlert(entry({ consensus_score: -1 })), 'consensus_score')).toMatch(/^-1 is out of range/);
    for (const trend of [-1, 0, 1, '-1']) {
      expect(alertOf(parseAlert(entry({ market_trend: trend }))).marketTrend).toBe(Number(trend));
    }
    expect(issueFor(parseAlert(entry({ market_trend: 2 })), 'market_trend')).toBe(
      '2 is not a trend; use 1 (bullish), 0 (neutral) or -1 (bearish)',
    );
  });

  it('takes a confidence label up to 20 characters', () => {
    expect(alertOf(parseAlert(entry({ confidence: 'c'.repeat(20) }))).confidence).toBe('c'.repeat(20));
    expect(issueFor(parseAlert(entry({ confidence: 'c'.repeat(21) })), 'confidence')).toBe(
      `is 21 characters long (${'c'.repeat(21)}); keep it to 20`,
    );
  });

  it('reads mtf_trends as text or a JSON list, and refuses other values', () => {
    const trends = { 1440: -1, 240: 1, 60: 0, 15: 1, 5: 1 };
    expect(alertOf(parseAlert(entry({ mtf_trends: [-1, 1, 0, 1, 1] }))).mtfTrends).toEqual(trends);
    expect(alertOf(parseAlert(entry({ mtf_trends: '-1,1,0,1,1' }))).mtfTrends).toEqual(trends);
    expect(issueFor(parseAlert(entry({ mtf_trends: 11111 })), 'mtf_trends')).toBe(
      'must be text such as "1,1,-1,1,1" (order 1D,4H,1H,15m,5m), got 11111',
    );
    expect(issueFor(parseAlert(entry({ mtf_trends: [1, 1, 1, 1, 2] })), 'mtf_trends')).toBe(
      'value 5 ("2") is not a trend; each value must be -1, 0 or 1, e.g. "1,1,-1,1,1"',
    );
  });

  it('leaves every optional key out of the alert when its field is absent', () => {
    const optional = ['consensus_score', 'market_trend', 'mtf_trends', 'position_multiplier', 'price'];
    const alert = alertOf(parseAlert(entry({}, [...optional, 'sl_price', 'tp1_price', 'tp2_price'])));
    expect(Object.keys(alert).sort()).toEqual(
      ['direction', 'family', 'kind', 'levels', 'raw', 'rawSymbol', 'signalType', 'symbol', 'timeframe'].sort(),
    );
    expect(alert.levels).toEqual({});
  });

  it('reads every chart timeframe, and says a missing tf is missing', () => {
    for (const tf of ['1', '3', '45', '120', '180', 30, 60]) {
      expect(alertOf(parseAlert(entry({ tf }))).timeframe).toBe(Number(tf));
    }
    expect(issueFor(parseAlert(entry({}, ['tf'])), 'tf')).toBe(`is missing; ${TF_HINT}`);
    expect(issueFor(parseAlert(entry({ tf: '' })), 'tf')).toBe(`is missing; ${TF_HINT}`);
    expect(issueFor(parseAlert(entry({ tf: '2' })), 'tf')).toBe(`"2" is not a supported timeframe; ${TF_HINT}`);
  });
});

describe('V3 exit', () => {
  it('normalises the whole alert', () => {
    const body = exit();
    expect(alertOf(parseAlert(body))).toEqual({
      family: 'v3',
      kind: 'exit',
      symbol: 'XAUUSD',
      rawSymbol: 'XAUUSD',
      timeframe: 15,
      price: 2650.1,
      signalType: 'Bullish_Exit',
      consensusScore: 3,
      marketTrend: 1,
      closeSide: 'sell',
      raw: body,
    });
  });

  it('closes buys on Bearish_Exit and refuses a contradicting direction, saying which to send', () => {
    expect(alertOf(parseAlert(exit({ signal_type: 'bearish_exit', direction: 'BUY' })))).toMatchObject({
      closeSide: 'buy',
      signalType: 'Bearish_Exit',
    });
    const result = parseAlert(exit({ signal_type: 'Bearish_Exit', direction: 'sell' }));
    expect(rejected(result, ParseErrorCode.Invalid).issues).toEqual([
      {
        field: 'direction',
        message:
          '"sell" contradicts signal_type Bearish_Exit, which closes buys; on exits direction is the side being closed, so send "buy" or leave direction out',
      },
    ]);
  });

  it('lets direction decide alone when signal_type is absent, null or blank', () => {
    for (const signal of [null, '']) {
      const alert = alertOf(parseAlert(exit({ signal_type: signal, direction: 'buy' })));
      expect(alert).toMatchObject({ closeSide: 'buy' });
      expect(alert).not.toHaveProperty('signalType');
    }
    expect(alertOf(parseAlert(exit({ direction: ' ' }, ['direction'])))).toMatchObject({ closeSide: 'sell' });
  });

  it('lets signal_type decide alone when direction is null or blank', () => {
    for (const direction of [null, '']) {
      expect(alertOf(parseAlert(exit({ signal_type: 'Bearish_Exit', direction })))).toMatchObject({
        closeSide: 'buy',
      });
    }
  });

  it('reports a bad signal_type or direction once, without a second issue about the pair', () => {
    const badSignal = rejected(parseAlert(exit({ signal_type: 'Exit' })));
    expect(badSignal.issues).toEqual([
      { field: 'signal_type', message: '"Exit" is not valid for exit_v3; use one of Bullish_Exit, Bearish_Exit' },
    ]);
    const both = rejected(parseAlert(exit({ signal_type: 'Exit', direction: 'up' })));
    expect(both.issues.map((issue) => issue.field)).toEqual(['signal_type', 'direction']);
    const badDirection = rejected(parseAlert(exit({ direction: 'up' })));
    expect(badDirection.issues).toEqual([{ field: 'direction', message: '"up" is not valid; use one of buy, sell' }]);
  });

  it('refuses an exit with neither signal_type nor direction, naming both ways to fix it', () => {
    const result = parseAlert(exit({ signal_type: null, direction: '' }));
    expect(rejected(result, ParseErrorCode.Invalid).issues).toEqual([
      {
        field: 'signal_type',
        message:
          'is missing, and so is direction; send "signal_type":"Bullish_Exit" (closes sells) or "Bearish_Exit" (closes buys)',
      },
    ]);
  });

  it('refuses a valid side when another field is wrong', () => {
    const result = parseAlert(exit({ consensus_score: 12 }));
    expect(rejected(result, ParseErrorCode.Invalid).issues.map((issue) => issue.field)).toEqual(['consensus_score']);
  });
});

describe('V3 squeeze', () => {
  it('normalises the whole alert, message trimmed, no direction needed', () => {
    const body = squeeze({ message: '  Big move  ' });
    expect(alertOf(parseAlert(body))).toEqual({
      family: 'v3',
      kind: 'squeeze',
      symbol: 'XAUUSD',
      rawSymbol: 'XAUUSD',
      timeframe: 15,
      price: 2650.1,
      signalType: 'Volatility_Squeeze',
      consensusScore: 4,
      marketTrend: 0,
      message: 'Big move',
      raw: body,
    });
  });

  it('takes signal_type Volatility_Squeeze or nothing, and a message up to 500 characters', () => {
    expect(alertOf(parseAlert(squeeze({}, ['signal_type', 'message'])))).not.toHaveProperty('message');
    expect(alertOf(parseAlert(squeeze({ message: 'm'.repeat(500) }))).message).toHaveLength(500);
    expect(issueFor(parseAlert(squeeze({ message: 'm'.repeat(501) })), 'message')).toMatch(
      /^is 501 characters long .*; keep it to 500$/,
    );
    expect(issueFor(parseAlert(squeeze({ signal_type: 'Squeeze' })), 'signal_type')).toBe(
      '"Squeeze" is not valid for squeeze_v3; use one of Volatility_Squeeze',
    );
  });

  it('refuses a squeeze whose common fields are wrong', () => {
    expect(issueFor(parseAlert(squeeze({ symbol: 'X' })), 'symbol')).toMatch(/"X" is not a ticker/);
  });
});

describe('V3 trend pulse fields', () => {
  it('takes signal_type Trend_Pulse or nothing, and keeps the message', () => {
    expect(alertOf(parseAlert(pulse({}, ['signal_type'])))).not.toHaveProperty('signalType');
    expect(alertOf(parseAlert(pulse())).message).toBe('Trend change detected on: 5,');
    expect(alertOf(parseAlert(pulse({}, ['message'])))).not.toHaveProperty('message');
    expect(issueFor(parseAlert(pulse({ signal_type: 'Pulse' })), 'signal_type')).toBe(
      '"Pulse" is not valid for trend_pulse_v3; use one of Trend_Pulse',
    );
    expect(issueFor(parseAlert(pulse({ message: 'm'.repeat(501) })), 'message')).toMatch(/keep it to 500$/);
  });

  it('lists zod issues before the trend issues', () => {
    const result = parseAlert(pulse({ market_trend: 5, current_trends: '1,1' }));
    expect(rejected(result).issues.map((issue) => issue.field)).toEqual(['market_trend', 'current_trends']);
  });

  it('refuses a pulse whose only problem is a zod field', () => {
    rejected(parseAlert(pulse({ consensus_score: 99 })), ParseErrorCode.Invalid);
  });
});
