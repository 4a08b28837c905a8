import { describe, expect, it } from 'vitest';
import { err, ok } from './index.js';
import type { CodedError, Result } from './index.js';

function half(n: number): Result<number, CodedError & { readonly input: number }> {
  return n % 2 === 0
    ? ok(n / 2)
    : err({ code: 'ZEPIX_TEST_ODD', message: `${n} is odd`, hint: 'pass an even number', input: n });
}

describe('Result', () => {
  it('carries the value of a success', () => {
    const result = half(4);
    expect(result).toEqual({ ok: true, value: 2 });
  });

  it('carries the coded error of a failure, with its extra fields', () => {
    const result = half(3);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toEqual({
        code: 'ZEPIX_TEST_ODD',
        message: '3 is odd',
        hint: 'pass an even number',
        input: 3,
      });
  });

  it('makes a success without a value', () => {
    expect(ok()).toEqual({ ok: true, value: undefined });
  });
});
