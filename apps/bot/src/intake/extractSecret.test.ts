import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constantTimeEqual.js';
import { extractSecret } from './extractSecret.js';
import { nestsDeeperThan } from './nestingDepth.js';

const SECRET = 's3cret-value-0123';

describe('extractSecret', () => {
  it('takes the secret out of a JSON body and stores the rest', () => {
    const decoded = extractSecret(`{"secret":"${SECRET}","type":"entry","symbol":"XAUUSD"}`, SECRET);
    expect(decoded.secret).toBe(SECRET);
    expect(decoded.payload).toEqual({ type: 'entry', symbol: 'XAUUSD' });
    expect(decoded.storable).toBe('{"type":"entry","symbol":"XAUUSD"}');
  });

  it('finds and masks the secret in a body that only looks like JSON', () => {
    const decoded = extractSecret(`{"secret":"${SECRET}","price":{{close}}}`, SECRET);
    expect(decoded.secret).toBe(SECRET);
    expect(decoded.storable).toBe('{"secret":"[redacted]","price":{{close}}}');
  });

  it('leaves pipe text without a secret alone', () => {
    expect(extractSecret('BULLISH_ENTRY|XAUUSD|5', SECRET)).toEqual({
      secret: undefined,
      payload: 'BULLISH_ENTRY|XAUUSD|5',
      storable: 'BULLISH_ENTRY|XAUUSD|5',
      tooDeep: false,
    });
  });

  // Every way a sender was seen to format the secret wrongly; none may reach the journal.
  const misformatted: Record<string, string> = {
    'a second "secret" key in invalid JSON': `{"secret":"${SECRET}","type":"entry",,"secret":"${SECRET}"}`,
    'a truncated body': `{"secret":"${SECRET}`,
    'a truncated body with a wrong secret': '{"secret":"not-the-real-one',
    'a "Secret" key': `{"Secret":"${SECRET}","type":"entry"}`,
    'a "SECRET" key with another value': '{"SECRET":"other-value-xyz","type":"entry"}',
    'a nested secret': `{"type":"entry","meta":{"auth":{"secret":"${SECRET}"}}}`,
    'a __proto__ secret': `{"type":"entry","__proto__":{"secret":"${SECRET}"}}`,
    'an array-wrapped body': `[{"secret":"${SECRET}","type":"entry"}]`,
    'V6 pipe text with the secret appended': `BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|${SECRET}`,
    'the secret inside another field': `{"type":"entry","comment":"key=${SECRET};"}`,
    'the secret JSON-escaped in broken JSON': `{"note":"${SECRET}", oops}`,
    'a webhook_secret key in broken JSON': '{"webhook_secret":12345, oops',
  };
  for (const [name, body] of Object.entries(misformatted)) {
    it(`masks ${name}`, () => {
      const decoded = extractSecret(body, SECRET);
      expect(decoded.storable).not.toContain(SECRET);
      expect(decoded.storable).not.toMatch(/other-value-xyz|not-the-real-one|12345/);
      expect(JSON.stringify(decoded.payload)).not.toContain(SECRET);
    });
  }

  it('masks a secret that JSON escapes', () => {
    const odd = 'quote"and\\slash-secret';
    const body = `["${JSON.stringify(odd).slice(1, -1)}"]`;
    expect(extractSecret(body, odd).storable).toBe('["[secret]"]');
  });

  it('does not parse a body nested deeper than the limit', () => {
    const deep = `{"secret":"${SECRET}","a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const decoded = extractSecret(deep, SECRET);
    expect(decoded.tooDeep).toBe(true);
    expect(decoded.secret).toBe(SECRET);
    expect(decoded.storable).not.toContain(SECRET);
  });
});

describe('nestsDeeperThan', () => {
  it('counts brackets outside strings only', () => {
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 2)).toBe(true);
    expect(nestsDeeperThan(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 1)).toBe(false);
    expect(nestsDeeperThan('['.repeat(1_000_000), 64)).toBe(true);
  });
});

describe('constantTimeEqual', () => {
  it('compares secrets of any length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual(undefined, 'abc')).toBe(false);
    expect(constantTimeEqual('', 'abc')).toBe(false);
  });
});
