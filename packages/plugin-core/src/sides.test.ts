import { describe, expect, it } from 'vitest';
import { continueWith, countPositions, opposite, roundHalfUp } from './sides.js';

describe('side and wording helpers', () => {
  it('names the other side and counts positions', () => {
    expect(opposite('buy')).toBe('sell');
    expect(opposite('sell')).toBe('buy');
    expect(countPositions(1, 'sell')).toBe('1 sell position');
    expect(countPositions(3, 'buy')).toBe('3 buy positions');
  });

  it('continues a sentence with a tagged message', () => {
    expect(continueWith('[X]', '[X] Opened buy XAUUSD.')).toBe('opened buy XAUUSD.');
    expect(continueWith('[X]', 'Rejected: no logic.')).toBe('rejected: no logic.');
  });

  it('rounds half up despite binary floats', () => {
    expect(roundHalfUp(0.45625, 4)).toBe(0.4563);
    expect(roundHalfUp(2647.75, 2)).toBe(2647.75);
  });
});
