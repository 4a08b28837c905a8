import { describe, expect, it } from 'vitest';
import { parseMtfTrends } from './index.js';
import { parseTimeframeList, toTrendValue } from './mtfTrends.js';

function message(result: ReturnType<typeof parseMtfTrends>): string {
  if (result.ok) expect.fail(`expected a refusal, got ${JSON.stringify(result.value)}`);
  expect(result.error.code).toBe('ZEPIX_ALERT_INVALID');
  return result.error.message;
}

describe('parseMtfTrends', () => {
  it('maps entry order 1D,4H,1H,15m,5m onto minutes', () => {
    expect(parseMtfTrends('1,-1,0,1,-1', 'entry')).toEqual({
      ok: true,
      value: { 1440: 1, 240: -1, 60: 0, 15: 1, 5: -1 },
    });
  });

  it('maps pulse order 1m,5m,15m,1H,4H,1D onto minutes', () => {
    expect(parseMtfTrends('-1,-1,1,1,0,1', 'pulse')).toEqual({
      ok: true,
      value: { 1: -1, 5: -1, 15: 1, 60: 1, 240: 0, 1440: 1 },
    });
  });

  it('tolerates spaces, a leading plus and the trailing comma Pine often leaves', () => {
    expect(parseMtfTrends(' +1, -1 ,0,1,1, ', 'entry')).toEqual({
      ok: true,
      value: { 1440: 1, 240: -1, 60: 0, 15: 1, 5: 1 },
    });
  });

  it('refuses the wrong number of values and names the order', () => {
    expect(message(parseMtfTrends('1,1,1', 'entry'))).toBe(
      'has 3 values but needs 5, one per timeframe in the order 1D,4H,1H,15m,5m, e.g. "1,1,-1,1,1"',
    );
    expect(message(parseMtfTrends('1,1,1,1,1', 'pulse'))).toMatch(
      /has 5 values but needs 6, .*order 1m,5m,15m,1H,4H,1D/,
    );
    expect(message(parseMtfTrends('', 'pulse'))).toMatch(/^is empty but needs 6/);
  });

  it('names every value that is not -1, 0 or 1', () => {
    expect(message(parseMtfTrends('1,2,bull,1,1', 'entry'))).toBe(
      'value 2 ("2"), value 3 ("bull") are not trends; each value must be -1, 0 or 1, e.g. "1,1,-1,1,1"',
    );
    expect(message(parseMtfTrends('1,1,1,1,0.5', 'entry'))).toMatch(/^value 5 \("0.5"\) is not a trend/);
  });

  it('refuses a value that is not text instead of throwing', () => {
    expect(message(parseMtfTrends(11111 as unknown as string, 'entry'))).toMatch(/must be text/);
  });
});

describe('trend helpers', () => {
  it('reads trend values from numbers and text only', () => {
    expect([1, -1, 0, '1', '-1', '0', '+1'].map(toTrendValue)).toEqual([1, -1, 0, 1, -1, 0, 1]);
    expect([2, '', 'x', null, 0.5, '1.0'].map(toTrendValue)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads timeframe lists in minutes or labels and refuses unknown ones', () => {
    expect(parseTimeframeList('5,')).toEqual({ ok: true, timeframes: [5] });
    expect(parseTimeframeList('1m,5m,15m,1H,4H,1D')).toEqual({ ok: true, timeframes: [1, 5, 15, 60, 240, 1440] });
    expect(parseTimeframeList('15,7')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^"7" is not a timeframe/) as string,
    });
  });
});
