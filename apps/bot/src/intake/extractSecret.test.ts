import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constantTimeEqual.js';
import { extractSecret } from './extractSecret.js';

describe('extractSecret', () => {
  it('takes the secret out of a JSON body and stores the rest', () => {
    const decoded = extractSecret('{"secret":"s3cret-value","type":"entry","symbol":"XAUUSD"}');
    expect(decoded.secret).toBe('s3cret-value');
    expect(decoded.payload).toEqual({ type: 'entry', symbol: 'XAUUSD' });
    expect(decoded.storable).not.toContain('s3cret-value');
  });

  it('finds and masks the secret in a body that only looks like JSON', () => {
    const decoded = extractSecret('{"secret":"s3cret-value","price":{{close}}}');
    expect(decoded.secret).toBe('s3cret-value');
    expect(decoded.storable).toBe('{"price":{{close}}}');
  });

  it('leaves pipe text alone', () => {
    expect(extractSecret('BULLISH_ENTRY|XAUUSD|5')).toEqual({
      secret: undefined,
      payload: 'BULLISH_ENTRY|XAUUSD|5',
      storable: 'BULLISH_ENTRY|XAUUSD|5',
    });
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
