import { describe, expect, it } from 'vitest';
import { adxStrength, confidenceLevel, marketState } from './levels.js';

describe('the shared V6 levels', () => {
  it.each([
    [30, 'STRONG'],
    [25, 'STRONG'],
    [24.9, 'MODERATE'],
    [20, 'MODERATE'],
    [15, 'WEAK'],
    [14.9, 'NONE'],
  ])('ADX %d is %s', (adx, band) => expect(adxStrength(adx)).toBe(band));

  it.each([
    [85, 'HIGH'],
    [80, 'HIGH'],
    [79, 'MODERATE'],
    [60, 'MODERATE'],
    [59, 'LOW'],
  ])('score %d is %s confidence', (score, band) => expect(confidenceLevel(score)).toBe(band));

  it.each([
    [5, 1, 'TRENDING'],
    [1, 4, 'TRENDING'],
    [4, 2, 'WEAK'],
    [3, 3, 'SIDEWAYS'],
    [3, 2, 'SIDEWAYS'],
  ])('pulse %d bullish / %d bearish is %s', (bulls, bears, state) => expect(marketState(bulls, bears)).toBe(state));
});
