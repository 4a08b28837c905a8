import { describe, expect, it } from 'vitest';
import { priceProblem } from './priceSanity.js';

const gold = { pipSize: 0.01, maxJump: 0.5 };

describe('priceProblem', () => {
  it('accepts real quotes and moves within the limit', () => {
    expect(priceProblem(2650.1, gold)).toBeUndefined();
    expect(priceProblem(2650.1, { ...gold, last: 2400 })).toBeUndefined();
    expect(priceProblem(1.0845, { pipSize: 0.0001, maxJump: 0.5, last: 1.09 })).toBeUndefined();
  });

  it.each([
    [Number('9007199254740993'), 'precision'],
    [1e308, 'precision'],
    [5e-324, 'less than one pip'],
    [0, 'not a positive'],
    [-1, 'not a positive'],
    [Number.NaN, 'not a positive'],
    [Number.POSITIVE_INFINITY, 'not a positive'],
    [2e7, 'billion pips'],
  ])('refuses %s (%s)', (price, reason) => {
    expect(priceProblem(price, gold)).toContain(reason);
  });

  it('refuses a jump beyond the limit from the last known price, either way', () => {
    expect(priceProblem(5000, { ...gold, last: 2650 })).toContain('% away from the last known price 2650');
    expect(priceProblem(1000, { ...gold, last: 2650 })).toContain('limit is 50 %');
    expect(priceProblem(1000, { ...gold, last: 2650, maxJump: null })).toBeUndefined();
  });
});
