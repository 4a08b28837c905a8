import { describe, expect, it } from 'vitest';
import {
  checkAlertId,
  checkDirection,
  checkOneOf,
  checkOptionalDirection,
  checkOptionalText,
  checkPlugin,
  checkSentAt,
  compact,
  withoutSecret,
} from './fields.js';
import { ParseErrorCode, parseAlert } from './index.js';
import { BODY_FIELD, formatParseIssues, fromZodIssues, show, truncate } from './issues.js';
import { checkInteger, checkOptionalInteger, checkOptionalPositive, checkPositive, toNumber } from './numbers.js';

const BLANKS = [undefined, null, ''] as const;
const fail = (message: string) => ({ ok: false, message });
const ok = (value: unknown) => ({ ok: true, value });

describe('optional fields left blank', () => {
  it.each(BLANKS)('%j is "absent" for every optional check', (blank) => {
    expect(checkOptionalDirection(blank)).toEqual(ok(undefined));
    expect(checkAlertId(blank)).toEqual(ok(undefined));
    expect(checkPlugin(blank)).toEqual(ok(undefined));
    expect(checkSentAt(blank)).toEqual(ok(undefined));
    expect(checkOptionalPositive(blank, '1')).toEqual(ok(undefined));
    expect(checkOptionalInteger(blank, 0, 9)).toEqual(ok(undefined));
  });

  it('treats null text as absent and blank text as absent, but refuses non-text', () => {
    expect(checkOptionalText(undefined)).toEqual(ok(undefined));
    expect(checkOptionalText(null)).toEqual(ok(undefined));
    expect(checkOptionalText('   ')).toEqual(ok(undefined));
    expect(checkOptionalText('  Zepix  ')).toEqual(ok('Zepix'));
    expect(checkOptionalText(5)).toEqual(fail('must be text, got 5'));
    expect(checkOptionalText('x'.repeat(21), 20)).toEqual(
      fail('is 21 characters long (xxxxxxxxxxxxxxxxxxxxx); keep it to 20'),
    );
    expect(checkOptionalText('x'.repeat(200))).toEqual(ok('x'.repeat(200)));
    expect(checkOptionalText('x'.repeat(201)).ok).toBe(false);
  });

  const legacy = (extra: Record<string, unknown>) =>
    parseAlert({ type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', ...extra });
  const v3 = (extra: Record<string, unknown>) =>
    parseAlert({
      type: 'entry_v3',
      symbol: 'XAUUSD',
      tf: '5',
      signal_type: 'Momentum_Breakout',
      direction: 'buy',
      ...extra,
    });

  it.each(BLANKS)('parses a legacy alert with %j optional fields as if they were left out', (blank) => {
    const bare = legacy({});
    const blanked = legacy({
      price: blank,
      id: blank,
      plugin: blank,
      timestamp: blank,
      ts: blank,
      time: blank,
      strategy: blank === '' ? '  ' : blank,
    });
    expect(bare.ok && blanked.ok).toBe(true);
    if (bare.ok && blanked.ok) {
      const { raw: _a, ...left } = bare.value;
      const { raw: _b, ...right } = blanked.value;
      expect(right).toEqual(left);
    }
  });

  it.each(BLANKS)('parses a V3 entry with %j optional fields as if they were left out', (blank) => {
    const bare = v3({});
    const fields = [
      'price',
      'sl_price',
      'tp1_price',
      'tp2_price',
      'mtf_trends',
      'position_multiplier',
      'consensus_score',
      'market_trend',
      'id',
      'plugin',
    ];
    const blanked = v3(Object.fromEntries(fields.map((f) => [f, blank])));
    expect(blanked.ok).toBe(true);
    if (bare.ok && blanked.ok) {
      const { raw: _a, ...left } = bare.value;
      const { raw: _b, ...right } = blanked.value;
      expect(right).toEqual(left);
    }
  });

  it('still refuses a blank required field, naming it', () => {
    for (const blank of BLANKS) {
      const result = v3({ direction: blank });
      expect(result).toMatchObject({ ok: false, error: { code: ParseErrorCode.Invalid } });
      if (!result.ok) expect(result.error.issues.map((i) => i.field)).toEqual(['direction']);
    }
  });
});

describe('field checks', () => {
  it('matches one of a set in any case and spacing, and says what is allowed', () => {
    expect(checkOneOf(' BUY ', ['buy', 'sell'])).toEqual(ok('buy'));
    expect(checkOneOf('Sell', ['buy', 'sell'], ' here')).toEqual(ok('sell'));
    expect(checkOneOf('up', ['buy', 'sell'], ' here')).toEqual(fail('"up" is not valid here; use one of buy, sell'));
    expect(checkOneOf(3, ['buy', 'sell'])).toEqual(fail('3 is not valid; use one of buy, sell'));
    for (const blank of BLANKS) expect(checkDirection(blank)).toEqual(fail('is missing; use one of buy, sell'));
    expect(checkOptionalDirection('SELL')).toEqual(ok('sell'));
    expect(checkOptionalDirection('up').ok).toBe(false);
  });

  it('takes an id as text or a number, trimmed, up to 128 characters', () => {
    expect(checkAlertId(' a-1 ')).toEqual(ok('a-1'));
    expect(checkAlertId(42)).toEqual(ok('42'));
    expect(checkAlertId('x'.repeat(128))).toEqual(ok('x'.repeat(128)));
    const long = checkAlertId('x'.repeat(129));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.message).toMatch(/^is 129 characters long .*; an id has at most 128, e\.g\. "id":/);
    for (const bad of [Number.NaN, true, {}]) {
      const result = checkAlertId(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^must be text, got .*; e\.g\. "id":"\{\{ticker\}\}/);
    }
  });

  it('takes a kebab-case plugin id up to 64 characters', () => {
    expect(checkPlugin(' combined-v3 ')).toEqual(ok('combined-v3'));
    expect(checkPlugin('a'.repeat(64))).toEqual(ok('a'.repeat(64)));
    for (const bad of ['a'.repeat(65), 'Combined', 'v3-', '3v', 'a--b']) {
      const result = checkPlugin(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('is not a plugin id; name the plugin by its id in kebab-case');
    }
    expect(checkPlugin(7)).toEqual(
      fail('must be text, got 7; name the plugin by its id in kebab-case, e.g. "combined-v3"'),
    );
  });

  it('takes a timestamp as text up to 64 characters or epoch milliseconds', () => {
    expect(checkSentAt(' 2026-03-02T10:00:00Z ')).toEqual(ok('2026-03-02T10:00:00Z'));
    expect(checkSentAt(1_772_445_600_000)).toEqual(ok('1772445600000'));
    expect(checkSentAt('1'.repeat(64)).ok).toBe(true);
    for (const bad of ['1'.repeat(65), Number.POSITIVE_INFINITY, false]) {
      const result = checkSentAt(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('is not a timestamp; send ISO 8601 text or epoch milliseconds');
    }
  });

  it('drops undefined properties only, and the secret from a body', () => {
    expect(compact({ a: 1, b: undefined, c: null, d: 0, e: '' })).toEqual({ a: 1, c: null, d: 0, e: '' });
    expect(Object.keys(compact({ a: undefined }))).toEqual([]);
    expect(withoutSecret({ secret: 's', symbol: 'X' })).toEqual({ symbol: 'X' });
  });
});

describe('numbers', () => {
  it('reads JSON numbers and plain decimal text only', () => {
    expect(toNumber(2.5)).toBe(2.5);
    expect(toNumber(' -1.5e2 ')).toBe(-150);
    expect(toNumber('.5')).toBe(0.5);
    expect(toNumber('5.')).toBe(5);
    expect(toNumber('+3')).toBe(3);
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '',
      ' ',
      '0x1F',
      'Infinity',
      '1e999',
      '1,5',
      '5 5',
      null,
      true,
      [1],
    ])
      expect(toNumber(bad)).toBeUndefined();
  });

  it('refuses zero and below, na from Pine, and words, each with its own hint', () => {
    expect(checkPositive('2650.1', '2650.10')).toEqual(ok(2650.1));
    expect(checkPositive(0.0001, '1')).toEqual(ok(0.0001));
    expect(checkPositive(0, '2650.10')).toEqual(fail('0 must be greater than 0, e.g. 2650.10'));
    expect(checkPositive('-1', '2650.10')).toEqual(fail('"-1" must be greater than 0, e.g. 2650.10'));
    for (const na of ['NaN', ' na ', 'NA'])
      expect(checkPositive(na, '1')).toEqual(
        fail(
          `is ${JSON.stringify(na)}: the Pine series was na when the alert fired; guard the alert() call with not na(...)`,
        ),
      );
    expect(checkPositive('nano', '1')).toEqual(fail('"nano" is not a number; send a number such as 1'));
    expect(checkOptionalPositive('0', '1').ok).toBe(false);
  });

  it('takes whole numbers within the range, inclusive', () => {
    expect(checkInteger('0', 0, 9)).toEqual(ok(0));
    expect(checkInteger(9, 0, 9)).toEqual(ok(9));
    expect(checkInteger(10, 0, 9)).toEqual(fail('10 is out of range; it must be a whole number from 0 to 9'));
    expect(checkInteger(-1, 0, 9)).toEqual(fail('-1 is out of range; it must be a whole number from 0 to 9'));
    expect(checkInteger(1.5, 0, 9)).toEqual(fail('1.5 must be a whole number from 0 to 9'));
    expect(checkInteger('x', 0, 9)).toEqual(fail('"x" must be a whole number from 0 to 9'));
    expect(checkOptionalInteger('3', 0, 9)).toEqual(ok(3));
  });
});

describe('issues', () => {
  it('shows values by type, strings quoted and cut at 40 characters', () => {
    expect(show('a')).toBe('"a"');
    expect(show(null)).toBe('null');
    expect(show([1])).toBe('a list');
    expect(show(false)).toBe('false');
    expect(show({})).toBe('an object');
    expect(show(undefined)).toBe('a undefined');
    expect(show(10n)).toBe('a bigint');
    expect(truncate('x'.repeat(40))).toBe('x'.repeat(40));
    expect(truncate('x'.repeat(41))).toBe(`${'x'.repeat(40)}… (41 characters)`);
    expect(truncate('abcdef', 3)).toBe('abc… (6 characters)');
  });

  it('joins issues into one line and names body-level issues', () => {
    expect(
      formatParseIssues([
        { field: 'a', message: 'm1' },
        { field: 'b.c', message: 'm2' },
      ]),
    ).toBe('a: m1; b.c: m2');
    const zod = [
      { code: 'custom', path: [], message: 'whole' },
      { code: 'custom', path: ['levels', 0], message: 'part' },
    ] as unknown as Parameters<typeof fromZodIssues>[0];
    expect(fromZodIssues(zod)).toEqual([
      { field: BODY_FIELD, message: 'whole' },
      { field: 'levels.0', message: 'part' },
    ]);
  });
});
