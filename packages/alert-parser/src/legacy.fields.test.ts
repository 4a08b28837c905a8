import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/alerts.js';
import { accepted, issueFor, rejected } from './__fixtures__/assertions.js';
import { ParseErrorCode, parseAlert } from './index.js';

const TF_HINT = 'use one of 5m, 15m, 1h, 1d (1m, 30m and 4h also work)';

function legacy(changes: Record<string, unknown> = {}, drop: readonly string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...(JSON.parse(fixture('legacy entry buy 5m').body) as Record<string, unknown>),
    ...changes,
  };
  for (const key of drop) delete body[key];
  return body;
}

describe('legacy signals, type by type', () => {
  const cases: readonly [string, string, Record<string, unknown>][] = [
    ['entry', 'buy', { kind: 'entry', direction: 'buy', levels: {} }],
    ['entry', 'sell', { kind: 'entry', direction: 'sell', levels: {} }],
    ['reversal', 'reversal_bull', { kind: 'reversal', direction: 'buy', levels: {} }],
    ['reversal', 'reversal_bear', { kind: 'reversal', direction: 'sell', levels: {} }],
    ['exit', 'bull', { kind: 'exit', closeSide: 'sell' }],
    ['exit', 'bear', { kind: 'exit', closeSide: 'buy' }],
    ['trend', 'bull', { kind: 'trend', trend: 1 }],
    ['trend', 'bear', { kind: 'trend', trend: -1 }],
    ['bias', 'bull', { kind: 'bias', trend: 1 }],
    ['bias', 'bear', { kind: 'bias', trend: -1 }],
  ];

  it.each(cases)('reads %s %s as exactly that alert', (type, signal, expected) => {
    const body = legacy({ type, signal });
    expect(accepted(parseAlert(body))).toEqual({
      family: 'legacy',
      symbol: 'XAUUSD',
      rawSymbol: 'XAUUSD',
      timeframe: 5,
      price: 2651.35,
      strategy: 'ZepixPremium',
      signalType: 'ZepixPremium',
      raw: body,
      ...expected,
    });
  });

  const refused: readonly [string, string, string][] = [
    ['entry', 'bull', 'buy, sell'],
    ['entry', 'reversal_bull', 'buy, sell'],
    ['exit', 'buy', 'bull, bear'],
    ['reversal', 'bull', 'reversal_bull, reversal_bear'],
    ['reversal', 'sell', 'reversal_bull, reversal_bear'],
    ['trend', 'sell', 'bull, bear'],
    ['bias', 'reversal_bear', 'bull, bear'],
  ];

  it.each(refused)('refuses a %s alert with signal %s and lists %s', (type, signal, list) => {
    const result = parseAlert(legacy({ type, signal }));
    rejected(result, ParseErrorCode.Invalid);
    expect(issueFor(result, 'signal')).toBe(`"${signal}" is not valid for a legacy ${type} alert; use one of ${list}`);
  });

  it.each([undefined, null, ''])('says a %j signal is missing, for the type sent', (signal) => {
    const body = signal === undefined ? legacy({ type: 'exit' }, ['signal']) : legacy({ type: 'exit', signal });
    expect(issueFor(parseAlert(body), 'signal')).toBe('is missing for a legacy exit alert; use one of bull, bear');
  });

  it('reads type and signal in any letter case and spacing', () => {
    const alert = accepted(parseAlert(legacy({ type: ' Reversal ', signal: ' REVERSAL_BULL ' })));
    expect(alert).toMatchObject({ kind: 'reversal', direction: 'buy' });
    expect(accepted(parseAlert(legacy({ type: 'TREND', signal: 'Bear' })))).toMatchObject({ trend: -1 });
  });
});

describe('legacy tf', () => {
  it.each([
    ['1m', 1],
    ['5m', 5],
    ['15m', 15],
    ['30m', 30],
    ['1h', 60],
    ['4h', 240],
    ['1d', 1440],
    [' 1H ', 60],
    ['1D', 1440],
  ])('reads %j as %i minutes', (tf, minutes) => {
    expect(accepted(parseAlert(legacy({ tf }))).timeframe).toBe(minutes);
  });

  it.each(['3m', '2h', '1w', '60', 'D', '5 m'])('refuses %j and lists the labels', (tf) => {
    expect(issueFor(parseAlert(legacy({ tf })), 'tf')).toBe(`"${tf}" is not a supported timeframe; ${TF_HINT}`);
  });

  it('refuses a number, and says a missing or null tf is missing', () => {
    expect(issueFor(parseAlert(legacy({ tf: 5 })), 'tf')).toBe(`5 is not a supported timeframe; ${TF_HINT}`);
    expect(issueFor(parseAlert(legacy({ tf: null })), 'tf')).toBe(`is missing; ${TF_HINT}`);
    expect(issueFor(parseAlert(legacy({}, ['tf'])), 'tf')).toBe(`is missing; ${TF_HINT}`);
  });
});

describe('legacy strategy', () => {
  it('keeps the strategy trimmed, as the signal type too', () => {
    const alert = accepted(parseAlert(legacy({ strategy: '  Zepix Gold  ' })));
    expect(alert).toMatchObject({ strategy: 'Zepix Gold', signalType: 'Zepix Gold' });
  });

  it('leaves strategy and signal type out when the strategy is absent, null or blank', () => {
    for (const body of [legacy({}, ['strategy']), legacy({ strategy: null }), legacy({ strategy: ' ' })]) {
      const alert = accepted(parseAlert(body));
      expect(alert).not.toHaveProperty('strategy');
      expect(alert).not.toHaveProperty('signalType');
    }
  });

  it('takes up to 100 characters and refuses 101', () => {
    expect(accepted(parseAlert(legacy({ strategy: 's'.repeat(100) }))).strategy).toBe('s'.repeat(100));
    expect(issueFor(parseAlert(legacy({ strategy: 's'.repeat(101) })), 'strategy')).toBe(
      `is 101 characters long (${'s'.repeat(40)}… (101 characters)); keep it to 100`,
    );
    expect(issueFor(parseAlert(legacy({ strategy: 7 })), 'strategy')).toBe('must be text, got 7');
  });
});

describe('legacy common fields', () => {
  it('leaves price out when absent, null or blank, and refuses zero', () => {
    for (const body of [legacy({}, ['price']), legacy({ price: null }), legacy({ price: '' })]) {
      expect(accepted(parseAlert(body))).not.toHaveProperty('price');
    }
    expect(issueFor(parseAlert(legacy({ price: 0 })), 'price')).toBe('0 must be greater than 0, e.g. 2650.10');
    expect(issueFor(parseAlert(legacy({ price: '0x10' })), 'price')).toBe(
      '"0x10" is not a number; send a number such as 2650.10',
    );
  });

  it('refuses a missing symbol and keeps the first refusal of each field', () => {
    const result = parseAlert(legacy({ signal: 'up' }, ['symbol']));
    expect(rejected(result, ParseErrorCode.Invalid).issues.map((issue) => issue.field)).toEqual(['symbol', 'signal']);
  });

  it('takes sentAt from timestamp first, then ts, then time', () => {
    const all = { timestamp: 'A', ts: 'B', time: 'C' };
    expect(accepted(parseAlert(legacy(all))).sentAt).toBe('A');
    expect(accepted(parseAlert(legacy({ ts: 'B', time: 'C' }))).sentAt).toBe('B');
    expect(accepted(parseAlert(legacy({ time: 'C' }))).sentAt).toBe('C');
  });
});
