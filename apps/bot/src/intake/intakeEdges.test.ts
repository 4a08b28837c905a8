import { describe, expect, it } from 'vitest';
import { checkAlertAge } from './checkAlertAge.js';
import { extractSecret } from './extractSecret.js';
import { nestsDeeperThan } from './nestingDepth.js';
import { maskSecretKeysInText, maskSecretsInValue, maskSecretValue } from './scrubSecrets.js';

const now = new Date('2026-11-24T12:00:00Z');

describe('the age limit at its edges', () => {
  it('passes an alert exactly at the limit, either way, and refuses one a millisecond past it', () => {
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    expect(checkAlertAge(at(-120_000), now, 120)).toEqual({ ok: true });
    expect(checkAlertAge(at(120_000), now, 120)).toEqual({ ok: true });
    expect(checkAlertAge(at(-120_001), now, 120).ok).toBe(false);
    expect(checkAlertAge(at(121_000), now, 120)).toEqual({
      ok: false,
      reason: "alert timestamp is 121 s in the future; check the sender's clock (or this server's NTP)",
    });
  });

  it('reads 11-digit epochs as milliseconds and fractional seconds as seconds; nothing else as a number', () => {
    expect(checkAlertAge('99999999999', now, 120).ok).toBe(false); // 1973 in milliseconds: stale
    expect(checkAlertAge(String(now.getTime() / 1000 - 30.5), now, 120)).toEqual({ ok: true });
    expect(checkAlertAge(String(now.getTime() / 1000 - 130.25), now, 120)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('130 s old'),
    });
    for (const odd of ['x1764000000', '1764000000.', '1764000000.x5'])
      expect(checkAlertAge(odd, now, 120)).toMatchObject({ ok: false, reason: expect.stringContaining('not a date') });
    expect(checkAlertAge(`${'9'.repeat(50)}x`, now, 120)).toEqual({
      ok: false,
      reason: `timestamp "${'9'.repeat(40)}" is not a date; send ISO 8601 ({{timenow}}) or epoch milliseconds`,
    });
  });
});

describe('nesting depth', () => {
  it('counts depth, not brackets: closed siblings do not add up', () => {
    expect(nestsDeeperThan('[][][][]', 1)).toBe(false);
    expect(nestsDeeperThan('{"a":{},"b":{},"c":[]}', 2)).toBe(false);
    expect(nestsDeeperThan('[[', 1)).toBe(true);
    expect(nestsDeeperThan('[[]', 2)).toBe(false);
  });

  it('never goes below zero on stray closers, and ignores brackets in strings, escapes included', () => {
    expect(nestsDeeperThan(']]]][[', 1)).toBe(true);
    expect(nestsDeeperThan('}}}}{{', 1)).toBe(true);
    expect(nestsDeeperThan('"[[[["', 1)).toBe(false);
    expect(nestsDeeperThan('"\\"[[[["', 1)).toBe(false);
    expect(nestsDeeperThan('"\\"" [[', 1)).toBe(true);
  });
});

describe('masking the secret', () => {
  it('masks the secret as written and as JSON escapes it, and leaves text alone for an empty secret', () => {
    expect(maskSecretValue('a s3c b s3c', 's3c')).toBe('a [secret] b [secret]');
    expect(maskSecretValue('{"k":"q\\"uote"}', 'q"uote')).toBe('{"k":"[secret]"}');
    expect(maskSecretValue('abc', '')).toBe('abc');
  });

  it('redacts the value of any secret-like key in broken JSON, quoted, cut off or bare', () => {
    expect(maskSecretKeysInText('{"api_secret": "abc", "x":1')).toBe('{"api_secret": "[redacted]", "x":1');
    expect(maskSecretKeysInText('{"secret_key":"abc"')).toBe('{"secret_key":"[redacted]"');
    expect(maskSecretKeysInText('{"Secret":"ab\\"c", "x":1')).toBe('{"Secret":"[redacted]", "x":1');
    expect(maskSecretKeysInText('{"secret": tok3n, "x":1')).toBe('{"secret": "[redacted]", "x":1');
    expect(maskSecretKeysInText('{"secret":"cut off')).toBe('{"secret":"[redacted]"');
    expect(maskSecretKeysInText('{"sec\\"ret_x":"v"}')).toBe('{"sec\\"ret_x":"v"}');
    expect(maskSecretKeysInText('{"a\\"secret\\"b":"v"}')).toBe('{"a\\"secret\\"b":"[redacted]"}');
  });

  it('masks secret-like keys and strings holding the secret at any depth, and says whether it changed anything', () => {
    const body = { a: 1, b: null, c: [{ token: 'x s3c y' }, 'plain'], d: { mySecret: { deep: 1 } } };
    expect(maskSecretsInValue(body, 's3c')).toBe(true);
    expect(body).toEqual({ a: 1, b: null, c: [{ token: 'x [secret] y' }, 'plain'], d: { mySecret: '[redacted]' } });
    expect(maskSecretsInValue({ a: 'x s3c' }, 's3c')).toBe(true);
    const clean = { a: 'abc', n: 5, t: true, z: null };
    expect(maskSecretsInValue(clean, '')).toBe(false);
    expect(clean).toEqual({ a: 'abc', n: 5, t: true, z: null });
    expect(maskSecretsInValue(null, 's3c')).toBe(false);
    expect(maskSecretsInValue('s3c', 's3c')).toBe(false);
  });
});

describe('splitting the secret from the body', () => {
  it('keeps a body without secrets as it was sent, spacing included', () => {
    const text = '{ "symbol" : "XAUUSD",\n  "type": "entry" }';
    expect(extractSecret(text, 's3c')).toMatchObject({ secret: undefined, storable: text });
  });

  it('re-serialises a body that carried a secret anywhere', () => {
    expect(extractSecret('{ "secret": "s3c", "a": 1 }', 's3c')).toMatchObject({
      secret: 's3c',
      payload: { a: 1 },
      storable: '{"a":1}',
    });
    expect(extractSecret('{ "note": "s3c" }', 's3c').storable).toBe('{"note":"[secret]"}');
  });

  it('finds JSON after leading whitespace and ignores a secret that is not text', () => {
    expect(extractSecret('\n  {"secret":"s3c","a":1}', 's3c')).toMatchObject({ secret: 's3c', payload: { a: 1 } });
    expect(extractSecret('{"secret":123,"a":1}', 's3c').secret).toBeUndefined();
  });

  it('takes the secret by pattern only from bodies that look like JSON', () => {
    expect(extractSecret('{"secret":"s3c", broken', 's3c').secret).toBe('s3c');
    const pipe = extractSecret('BUY|XAUUSD|"secret":"s3c"', 's3c');
    expect(pipe.secret).toBeUndefined();
    expect(pipe.storable).not.toContain('s3c');
  });
});
