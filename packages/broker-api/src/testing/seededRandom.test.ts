import { describe, expect, it } from 'vitest';
import { seededRandom } from './seededRandom.js';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(seededRandom(43)()).not.toBe(first[0]);
  });

  it('stays in [0, 1) and spreads over it', () => {
    const next = seededRandom(7);
    const values = Array.from({ length: 2000 }, () => next());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(values.filter((v) => v < 0.5).length).toBeGreaterThan(900);
    expect(values.filter((v) => v < 0.5).length).toBeLessThan(1100);
  });

  // The sequence the randomised tests were written against: a change would silently reshuffle their cases.
  it('gives mulberry32’s values', () => {
    const next = seededRandom(1);
    expect([next(), next()].map((v) => v.toFixed(6))).toEqual(['0.627074', '0.002736']);
  });
});
