import type { Alert } from '@zepix/plugin-core';
import { describe, expect, it } from 'vitest';
import { ALERT_FIXTURES, fixture } from './__fixtures__/alerts.js';
import { accepted, expectTicker, expectWellFormed, issueFor, rejected } from './__fixtures__/assertions.js';
import { ParseErrorCode, formatParseIssues, parseAlert } from './index.js';

/** What each accepted fixture must normalise to, beyond its kind. */
const ACCEPTED: Readonly<Record<string, Partial<Alert> & Record<string, unknown>>> = {
  'legacy entry buy 5m': {
    family: 'legacy',
    symbol: 'XAUUSD',
    timeframe: 5,
    direction: 'buy',
    price: 2651.35,
    strategy: 'ZepixPremium',
  },
  'legacy entry sell 1h eurusd': { symbol: 'EURUSD', timeframe: 60, direction: 'sell', price: 1.08412 },
  'legacy trend bear 15m': { timeframe: 15, trend: -1 },
  'legacy bias bull 1d no price': { symbol: 'EURUSD', timeframe: 1440, trend: 1 },
  'legacy exit appeared bull': { timeframe: 15, closeSide: 'sell' },
  'legacy reversal bear': { direction: 'sell', price: 2653 },
  'legacy with exchange prefix': { symbol: 'XAUUSD', rawSymbol: 'OANDA:XAUUSD', timeframe: 15 },
  'v3 entry sideways breakout': {
    family: 'v3',
    symbol: 'NZDUSD',
    timeframe: 5,
    direction: 'buy',
    signalType: 'Sideways_Breakout',
    consensusScore: 6,
    marketTrend: 1,
    positionMultiplier: 0.6,
    confidence: 'MEDIUM',
    levels: { sl: 0.5787006772, tp1: 0.5795489842, tp2: 0.5800579684 },
    mtfTrends: { 1440: 1, 240: 1, 60: -1, 15: 1, 5: 1 },
  },
  'v3 entry institutional launchpad': { timeframe: 15, direction: 'buy', consensusScore: 8, positionMultiplier: 0.8 },
  'v3 entry golden pocket 4h': {
    symbol: 'GBPJPY',
    timeframe: 240,
    direction: 'sell',
    mtfTrends: { 1440: -1, 240: -1, 60: -1, 15: 1, 5: -1 },
    levels: { sl: 192.1, tp1: 190.6, tp2: 189.3 },
  },
  'v3 screener full bearish': {
    timeframe: 60,
    direction: 'sell',
    consensusScore: 0,
    signalType: 'Screener_Full_Bearish',
  },
  'v3 bullish exit closes shorts': { family: 'v3', closeSide: 'sell', signalType: 'Bullish_Exit', marketTrend: 1 },
  'v3 squeeze no direction': { timeframe: 15, message: 'Big move expected - prepare for breakout', marketTrend: 0 },
  'v3 trend pulse six values': {
    symbol: 'AUDUSD',
    currentTrends: { 1: -1, 5: -1, 15: 1, 60: 1, 240: 1, 1440: 1 },
    previousTrends: { 1: -1, 5: 1, 15: 1, 60: 1, 240: 1, 1440: 1 },
    changedTimeframes: [5],
  },
  'v6 bullish entry': {
    family: 'v6',
    timeframe: 5,
    price: 2030.5,
    direction: 'buy',
    confidence: 'HIGH',
    levels: { sl: 2028, tp1: 2032, tp2: 2035, tp3: 2038 },
  },
  'v6 bearish entry': { timeframe: 15, direction: 'sell', levels: { sl: 2044, tp1: 2038.5, tp2: 2035, tp3: 2031 } },
  'v6 trend pulse': { timeframe: 15, changedTimeframes: [15, 60] },
  'v6 exit bullish': { timeframe: 5, price: 2031.2, closeSide: 'sell' },
};

/** The code, field and message each rejected fixture must produce. */
const REJECTED: Readonly<Record<string, readonly [ParseErrorCode, string, RegExp]>> = {
  'legacy unknown type': [
    ParseErrorCode.UnknownFormat,
    'type',
    /"scalp" is not a known alert type; use one of entry, exit/,
  ],
  'legacy bad signal for type': [
    ParseErrorCode.Invalid,
    'signal',
    /"bull" is not valid for a legacy entry alert; use one of buy, sell/,
  ],
  'legacy bad timeframe': [
    ParseErrorCode.Invalid,
    'tf',
    /"7m" is not a supported timeframe; use one of 5m, 15m, 1h, 1d/,
  ],
  'v3 consensus out of range': [ParseErrorCode.Invalid, 'consensus_score', /12 is out of range.*0 to 9/],
  'v3 entry missing direction': [ParseErrorCode.Invalid, 'direction', /is missing.*buy, sell/],
  'v6 truncated entry': [ParseErrorCode.Invalid, '(body)', /BULLISH_ENTRY needs 9 to 15 fields .*got 4/],
  'unfilled placeholders from Pine alert()': [
    ParseErrorCode.UnfilledPlaceholder,
    'symbol',
    /\{\{ticker\}\}.*Pine alert\(\).*syminfo\.ticker/,
  ],
  'broken quote in mtf_trends': [ParseErrorCode.InvalidJson, '(body)', /not valid JSON: .* at character \d+/],
  'empty body': [ParseErrorCode.Empty, '(body)', /empty/],
  'plain words': [
    ParseErrorCode.UnknownFormat,
    '(body)',
    /"buy gold now" is neither JSON nor V6 pipe text.*legacy JSON.*V3 JSON.*V6 pipe text/,
  ],
  'json array': [ParseErrorCode.NotAnObject, '(body)', /JSON array of 3 items, not one JSON object/],
  'json null': [ParseErrorCode.NotAnObject, '(body)', /JSON null, not one JSON object/],
  'huge string field': [ParseErrorCode.Invalid, 'symbol', /is 5000 characters long .*at most 20 characters/],
};

describe('parseAlert on every fixture', () => {
  it('has an expectation for every fixture case', () => {
    for (const { name } of ALERT_FIXTURES) expect(name in ACCEPTED || name in REJECTED, name).toBe(true);
  });

  it.each(ALERT_FIXTURES.filter((item) => item.expect === 'accepted'))('accepts $name', ({ name, body, kind }) => {
    const result = parseAlert(body);
    const alert = accepted(result);
    expectWellFormed(result);
    expectTicker(alert.symbol);
    expect(alert.kind).toBe(kind);
    expect(alert.family).toBe(name.split(' ')[0]);
    expect(alert).toMatchObject(ACCEPTED[name] ?? {});
  });

  it.each(ALERT_FIXTURES.filter((item) => item.expect === 'rejected'))('rejects $name', ({ name, body }) => {
    const [code, field, pattern] = REJECTED[name] ?? expect.fail(`no expectation for ${name}`);
    const result = parseAlert(body);
    expectWellFormed(result);
    rejected(result, code);
    expect(issueFor(result, field)).toMatch(pattern);
    expect(formatParseIssues(rejected(result).issues).length).toBeLessThan(700);
  });

  it('gives the same answer for a decoded body as for its text', () => {
    for (const item of ALERT_FIXTURES.filter((entry) => entry.contentType === 'application/json')) {
      expect(parseAlert(JSON.parse(item.body) as unknown), item.name).toEqual(parseAlert(item.body));
    }
  });
});

describe('parseAlert common fields', () => {
  const legacy = JSON.parse(fixture('legacy with exchange prefix').body) as Record<string, unknown>;

  it('applies the symbol map after stripping the prefix and keeps the raw symbol', () => {
    const alert = accepted(parseAlert(legacy, { symbolMap: { XAUUSD: 'GOLD' } }));
    expect(alert).toMatchObject({ symbol: 'GOLD', rawSymbol: 'OANDA:XAUUSD' });
  });

  it('drops a secret that is still in the body, from text or decoded input', () => {
    const body = { ...legacy, secret: 's3cr3t-value' };
    for (const input of [body, JSON.stringify(body)]) {
      const alert = accepted(parseAlert(input));
      expect(alert.raw).not.toHaveProperty('secret');
      expect(alert.raw).toHaveProperty('strategy', 'ZepixPremium');
    }
  });

  it('never echoes the secret when the JSON is broken', () => {
    const text = '{"secret":"s3cr3t-value","type":"entry" "symbol":"XAUUSD"}';
    const failure = rejected(parseAlert(text), ParseErrorCode.InvalidJson);
    expect(formatParseIssues(failure.issues)).not.toContain('s3cr3t');
  });

  it('maps id, plugin and the sender timestamp', () => {
    const body = { ...legacy, id: 'XAUUSD-5-1700000000', plugin: 'combined-v3', ts: 1700000000000 };
    expect(accepted(parseAlert(body))).toMatchObject({
      alertId: 'XAUUSD-5-1700000000',
      plugin: 'combined-v3',
      sentAt: '1700000000000',
    });
    expect(accepted(parseAlert({ ...legacy, timestamp: '2024-01-02T03:04:05Z' })).sentAt).toBe('2024-01-02T03:04:05Z');
  });

  it('refuses an over-long id and a plugin that is not an id', () => {
    const result = parseAlert({ ...legacy, id: 'x'.repeat(129), plugin: 'Combined V3' });
    expect(issueFor(result, 'id')).toMatch(/129 characters long.*at most 128/);
    expect(issueFor(result, 'plugin')).toMatch(/"Combined V3" is not a plugin id; .*kebab-case/);
  });

  it('reports every issue of one alert at once', () => {
    const result = parseAlert({ type: 'entry', symbol: 'XAU USD', signal: 'long', tf: '7m', price: -1 });
    expect(
      rejected(result, ParseErrorCode.Invalid)
        .issues.map((issue) => issue.field)
        .sort(),
    ).toEqual(['price', 'signal', 'symbol', 'tf']);
  });

  it('accepts numeric strings for prices and explains a Pine na', () => {
    expect(accepted(parseAlert({ ...legacy, price: '2650.10' })).price).toBe(2650.1);
    expect(issueFor(parseAlert({ ...legacy, price: 'NaN' }), 'price')).toMatch(/na when the alert fired/);
    expect(issueFor(parseAlert('{"type":"entry","price":NaN}'), '(body)')).toMatch(/NaN.*not na\(/);
  });

  it('reports a missing or unknown type as an unknown format', () => {
    expect(issueFor(parseAlert({ symbol: 'XAUUSD' }), 'type')).toMatch(/is missing/);
    rejected(parseAlert({ type: 42 }), ParseErrorCode.UnknownFormat);
  });

  it('answers inputs that are not alerts without throwing', () => {
    rejected(parseAlert(undefined), ParseErrorCode.Empty);
    rejected(parseAlert('   \n '), ParseErrorCode.Empty);
    rejected(parseAlert(42), ParseErrorCode.NotAnObject);
    rejected(parseAlert('42'), ParseErrorCode.NotAnObject);
    rejected(parseAlert(new Date()), ParseErrorCode.NotAnObject);
    expect(accepted(parseAlert(new TextEncoder().encode(fixture('v6 exit bullish').body))).kind).toBe('exit');
  });

  it('turns a value that throws while being read into an internal error, not a throw', () => {
    const hostile = Object.defineProperty({ type: 'entry' }, 'symbol', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(issueFor(parseAlert(hostile), '(body)')).toMatch(/parser failed on this alert \(boom\)/);
  });
});
