import { describe, expect, it } from 'vitest';
import { combinedV3ConfigSchema } from './config.js';
import { consensusMultiplier, lotMultiplier } from './lots.js';

const lots = combinedV3ConfigSchema.parse({}).lots;

describe('consensusMultiplier', () => {
  it.each([
    [0, 0.2],
    [5, 0.64],
    [6, 0.73],
    [7, 0.82],
    [8, 0.91],
    [9, 1],
    [12, 1],
    [-3, 0.2],
  ])('score %i → %f', (score, expected) => {
    expect(consensusMultiplier(score, lots.consensus_multiplier)).toBe(expected);
  });

  it('follows a configured range', () => {
    expect(consensusMultiplier(5, { min: 0.8, max: 1.2, max_score: 9 })).toBe(1.02);
  });
});

describe('lotMultiplier', () => {
  it('multiplies consensus × logic × position multiplier', () => {
    expect(lotMultiplier({ consensusScore: 7, logicMultiplier: 1.25, positionMultiplier: undefined, lots })).toEqual({
      consensus: 0.82,
      logic: 1.25,
      position: 1,
      total: 1.025,
    });
    expect(lotMultiplier({ consensusScore: 9, logicMultiplier: 0.625, positionMultiplier: 0.5, lots }).total).toBe(
      0.3125,
    );
    expect(lotMultiplier({ consensusScore: 5, logicMultiplier: 1, positionMultiplier: 2, lots }).total).toBe(1.28);
  });

  it('ignores a non-positive position multiplier and honours apply_position_multiplier', () => {
    expect(lotMultiplier({ consensusScore: 9, logicMultiplier: 1, positionMultiplier: 0, lots }).position).toBe(1);
    const off = { ...lots, apply_position_multiplier: false };
    expect(lotMultiplier({ consensusScore: 9, logicMultiplier: 1, positionMultiplier: 2, lots: off }).total).toBe(1);
  });
});
