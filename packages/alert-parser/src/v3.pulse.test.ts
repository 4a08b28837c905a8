import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/alerts.js';
import { alertOf, issueFor, rejected } from './__fixtures__/assertions.js';
import { ParseErrorCode, parseAlert } from './index.js';
import { readPulseTrends } from './v3Pulse.js';

type Body = Record<string, unknown>;

function pulse(changes: Body = {}, drop: readonly string[] = []): Body {
  const body: Body = { ...(JSON.parse(fixture('v3 trend pulse six values').body) as Body), ...changes };
  for (const key of drop) delete body[key];
  return body;
}
const LABEL_HINT = 'send the labels of the trend positions, e.g. "1m,5m,15m,1H,4H,1D", or leave trend_labels out';

describe('V3 pulse trend_labels', () => {
  it('normalises the whole fixture alert', () => {
    const body = pulse();
    expect(alertOf(parseAlert(body))).toEqual({
      family: 'v3',
      kind: 'trend_pulse',
      symbol: 'AUDUSD',
      rawSymbol: 'AUDUSD',
      timeframe: 15,
      price: 0.6712,
      signalType: 'Trend_Pulse',
      consensusScore: 3,
      marketTrend: -1,
      message: 'Trend change detected on: 5,',
      currentTrends: { 1: -1, 5: -1, 15: 1, 60: 1, 240: 1, 1440: 1 },
      previousTrends: { 1: -1, 5: 1, 15: 1, 60: 1, 240: 1, 1440: 1 },
      changedTimeframes: [5],
      raw: body,
    });
  });

  it('uses the 1m..1D order when trend_labels is absent, null or blank', () => {
    for (const labels of [undefined, null, '']) {
      const alert = alertOf(parseAlert(pulse({ trend_labels: labels, current_trends: '1,0,0,0,0,-1' })));
      expect(alert.currentTrends).toEqual({ 1: 1, 5: 0, 15: 0, 60: 0, 240: 0, 1440: -1 });
    }
  });

  it('reads labels as a JSON list or a single number', () => {
    const listed = pulse({ trend_labels: ['5', 15], current_trends: '1,-1', previous_trends: '1,1' }, [
      'changed_timeframes',
    ]);
    expect(alertOf(parseAlert(listed))).toMatchObject({
      currentTrends: { 5: 1, 15: -1 },
      previousTrends: { 5: 1, 15: 1 },
      changedTimeframes: [15],
    });
    const single = pulse({ trend_labels: 60, current_trends: -1 }, ['previous_trends', 'changed_timeframes']);
    expect(alertOf(parseAlert(single))).toMatchObject({ currentTrends: { 60: -1 }, changedTimeframes: [] });
  });

  it('refuses labels that are not text, not timeframes, or repeat one', () => {
    const six = { current_trends: '1,1,1,1,1,1' };
    expect(issueFor(parseAlert(pulse({ ...six, trend_labels: { a: 1 } })), 'trend_labels')).toBe(
      `must be text, got an object; ${LABEL_HINT}`,
    );
    expect(issueFor(parseAlert(pulse({ ...six, trend_labels: '1m,7m' })), 'trend_labels')).toMatch(
      /^"7m" is not a timeframe; list minutes or labels/,
    );
    expect(issueFor(parseAlert(pulse({ ...six, trend_labels: '5,5' })), 'trend_labels')).toBe(
      `"5,5" must name each timeframe once; ${LABEL_HINT}`,
    );
    expect(issueFor(parseAlert(pulse({ ...six, trend_labels: ',' })), 'trend_labels')).toBe(
      `"," must name each timeframe once; ${LABEL_HINT}`,
    );
  });

  it('falls back to the 1m..1D order after a bad trend_labels, so that is the only issue', () => {
    for (const labels of [{ a: 1 }, '1m,7m', '5,5']) {
      const result = parseAlert(pulse({ trend_labels: labels }));
      expect(rejected(result).issues.map((issue) => issue.field)).toEqual(['trend_labels']);
    }
  });
});

describe('V3 pulse current and previous trends', () => {
  it('says a missing current_trends is missing, with an example in the order used', () => {
    for (const current of [null, '']) {
      expect(issueFor(parseAlert(pulse({ current_trends: current })), 'current_trends')).toBe(
        'is missing; send one trend per timeframe in the order 1m,5m,15m,1H,4H,1D, e.g. "1,1,1,1,1,1"',
      );
    }
    const labelled = pulse({ trend_labels: '5,15' }, ['current_trends']);
    expect(issueFor(parseAlert(labelled), 'current_trends')).toBe(
      'is missing; send one trend per timeframe in the order 5,15, e.g. "1,1"',
    );
  });

  it('reads trends from a JSON list and refuses other shapes with the order', () => {
    const alert = alertOf(parseAlert(pulse({ current_trends: [1, 1, 1, 1, 1, -1] }, ['changed_timeframes'])));
    expect(alert).toMatchObject({ currentTrends: { 1440: -1 }, changedTimeframes: [1, 1440] });
    expect(issueFor(parseAlert(pulse({ current_trends: { a: 1 } })), 'current_trends')).toBe(
      'must be text such as "1,1,-1,1,1,1" (order 1m,5m,15m,1H,4H,1D), got an object',
    );
    expect(issueFor(parseAlert(pulse({ previous_trends: true })), 'previous_trends')).toBe(
      'must be text such as "1,1,-1,1,1,1" (order 1m,5m,15m,1H,4H,1D), got true',
    );
  });

  it('refuses a wrong number of trends in either list', () => {
    const result = parseAlert(pulse({ current_trends: '1,1', previous_trends: '1,1,1,1,1,1,1' }));
    rejected(result, ParseErrorCode.Invalid);
    expect(issueFor(result, 'current_trends')).toBe(
      'has 2 values but needs 6, one per timeframe in the order 1m,5m,15m,1H,4H,1D, e.g. "1,1,-1,1,1,-1"',
    );
    expect(issueFor(result, 'previous_trends')).toMatch(/^has 7 values but needs 6/);
  });

  it('leaves previous trends out when absent, null or blank, and then changes nothing', () => {
    for (const previous of [undefined, null, '']) {
      const alert = alertOf(parseAlert(pulse({ previous_trends: previous }, ['changed_timeframes'])));
      expect(alert).not.toHaveProperty('previousTrends');
      expect(alert).toMatchObject({ changedTimeframes: [] });
    }
  });
});

describe('V3 pulse changed_timeframes', () => {
  it('works out every changed timeframe, in minutes order, when the list is absent, null or blank', () => {
    for (const changed of [undefined, null, '']) {
      const body = pulse({
        current_trends: '1,1,0,1,1,-1',
        previous_trends: '1,-1,0,1,0,-1',
        changed_timeframes: changed,
      });
      expect(alertOf(parseAlert(body))).toMatchObject({ changedTimeframes: [5, 240] });
    }
  });

  it('takes the sent list over the worked-out one, once per timeframe', () => {
    expect(alertOf(parseAlert(pulse({ changed_timeframes: '15,60,15' }))).changedTimeframes).toEqual([15, 60]);
    expect(alertOf(parseAlert(pulse({ changed_timeframes: ['1H', 240] }))).changedTimeframes).toEqual([60, 240]);
    expect(alertOf(parseAlert(pulse({ changed_timeframes: 15 }))).changedTimeframes).toEqual([15]);
  });

  it('refuses a list that is not text or names no timeframe', () => {
    expect(issueFor(parseAlert(pulse({ changed_timeframes: { a: 1 } })), 'changed_timeframes')).toBe(
      'must be text such as "5,15", got an object',
    );
    expect(issueFor(parseAlert(pulse({ changed_timeframes: '5,7' })), 'changed_timeframes')).toMatch(
      /^"7" is not a timeframe; list minutes or labels such as "5,15,60"/,
    );
  });

  it('answers the parts on their own', () => {
    expect(readPulseTrends({ current_trends: '1,1,1,1,1,1', changed_timeframes: { a: 1 } })).toEqual({
      issues: [{ field: 'changed_timeframes', message: 'must be text such as "5,15", got an object' }],
      currentTrends: { 1: 1, 5: 1, 15: 1, 60: 1, 240: 1, 1440: 1 },
      previousTrends: undefined,
      changedTimeframes: [],
    });
    expect(readPulseTrends({ current_trends: 'x' })).toMatchObject({ currentTrends: {}, changedTimeframes: [] });
  });
});
