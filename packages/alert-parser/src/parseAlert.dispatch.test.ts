import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/alerts.js';
import { accepted, rejected } from './__fixtures__/assertions.js';
import { ParseErrorCode, type ParseOptions, parseAlert } from './index.js';
import { failure } from './result.js';

const TYPE_HINT =
  'use one of entry, exit, reversal, trend, bias (legacy) or entry_v3, exit_v3, squeeze_v3, trend_pulse_v3 (V3)';
const legacy = JSON.parse(fixture('legacy entry buy 5m').body) as Record<string, unknown>;

describe('parseAlert picks the format by type', () => {
  it('reads type in any case and spacing', () => {
    expect(accepted(parseAlert({ ...legacy, type: ' ENTRY ' })).family).toBe('legacy');
    const v3 = JSON.parse(fixture('v3 squeeze no direction').body) as Record<string, unknown>;
    expect(accepted(parseAlert({ ...v3, type: 'Squeeze_V3' })).family).toBe('v3');
  });

  it('says a missing, null or empty type is missing', () => {
    for (const type of [undefined, null, '']) {
      expect(rejected(parseAlert({ ...legacy, type }), ParseErrorCode.UnknownFormat).issues).toEqual([
        { field: 'type', message: `is missing, so the alert's format is unknown; ${TYPE_HINT}` },
      ]);
    }
  });

  it('says an unknown type is not known, whatever its shape', () => {
    const message = (shown: string) => [{ field: 'type', message: `${shown} is not a known alert type; ${TYPE_HINT}` }];
    expect(rejected(parseAlert({ ...legacy, type: ' ' })).issues).toEqual(message('" "'));
    expect(rejected(parseAlert({ ...legacy, type: 42 })).issues).toEqual(message('42'));
    expect(rejected(parseAlert({ ...legacy, type: ['entry'] })).issues).toEqual(message('a list'));
    expect(rejected(parseAlert({ ...legacy, type: 'entry_v6' })).issues).toEqual(message('"entry_v6"'));
  });
});

describe('parseAlert options', () => {
  it('ignores options that are not an object with a symbol map object', () => {
    const bad: unknown[] = [null, 5, 'GOLD', { symbolMap: null }, { symbolMap: 'GOLD' }, {}];
    for (const options of bad) {
      expect(accepted(parseAlert(legacy, options as ParseOptions)).symbol).toBe('XAUUSD');
    }
    expect(accepted(parseAlert(legacy, { symbolMap: { XAUUSD: 'GOLD' } })).symbol).toBe('GOLD');
    // A text "map" would answer its characters by index, and tickers such as "12" are valid.
    const text = 'ABCDEFGHIJKLMNOP' as unknown as ParseOptions['symbolMap'];
    expect(accepted(parseAlert({ ...legacy, symbol: '12' }, { symbolMap: text })).symbol).toBe('12');
    expect(accepted(parseAlert('EXIT_BULLISH|XAUUSD|5|2031.2', { symbolMap: { XAUUSD: 'GOLD' } })).symbol).toBe('GOLD');
  });
});

describe('parseAlert never throws', () => {
  const throwing = (thrown: unknown) =>
    Object.defineProperty({ type: 'entry' }, 'symbol', {
      enumerable: true,
      get() {
        throw thrown;
      },
    });
  const internal = (reason: string) => [
    {
      field: '(body)',
      message: `the parser failed on this alert (${reason}); the alert was not used, please report it with the body`,
    },
  ];

  it('answers an internal error that says what was thrown', () => {
    expect(rejected(parseAlert(throwing(new Error('boom'))), ParseErrorCode.Internal).issues).toEqual(internal('boom'));
    expect(rejected(parseAlert(throwing('plain text'))).issues).toEqual(internal('plain text'));
    expect(rejected(parseAlert(throwing(42))).issues).toEqual(internal('a non-Error value'));
    expect(rejected(parseAlert(throwing(new Error('e'.repeat(81))))).issues).toEqual(
      internal(`${'e'.repeat(80)}… (81 characters)`),
    );
  });

  it('survives a thrown value that cannot even be read', () => {
    const unreadable = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('no prototype');
        },
      },
    );
    expect(rejected(parseAlert(throwing(unreadable))).issues).toEqual(internal('an unreadable error'));
  });
});

describe('result', () => {
  it('keeps the error codes stable', () => {
    expect(ParseErrorCode).toEqual({
      Empty: 'ZEPIX_ALERT_EMPTY',
      InvalidJson: 'ZEPIX_ALERT_INVALID_JSON',
      UnfilledPlaceholder: 'ZEPIX_ALERT_UNFILLED_PLACEHOLDER',
      NotAnObject: 'ZEPIX_ALERT_NOT_AN_OBJECT',
      UnknownFormat: 'ZEPIX_ALERT_UNKNOWN_FORMAT',
      Unsupported: 'ZEPIX_ALERT_UNSUPPORTED',
      Invalid: 'ZEPIX_ALERT_INVALID',
      Internal: 'ZEPIX_ALERT_INTERNAL',
    });
  });

  it('builds a refusal with every issue and them in one line', () => {
    const issues = [
      { field: 'a', message: 'm1' },
      { field: 'b', message: 'm2' },
    ];
    expect(failure(ParseErrorCode.Invalid, issues)).toEqual({
      ok: false,
      error: { code: 'ZEPIX_ALERT_INVALID', message: 'a: m1; b: m2', issues },
    });
  });
});
