import { describe, expect, it } from 'vitest';
import { trendLogicConfigSchema } from './config.js';
import { describeTimeframes, logicForTimeframe, logicsUsingTrend } from './routing.js';

const { logics } = trendLogicConfigSchema.parse({});

describe('routing', () => {
  it.each([
    [5, 'logic1'],
    [15, 'logic2'],
    [60, 'logic3'],
    [1, undefined],
    [240, undefined],
    [1440, undefined],
  ])('a %im entry goes to %s', (timeframe, logic) => {
    expect(logicForTimeframe(timeframe, logics)).toBe(logic);
  });

  it.each([
    [5, []],
    [15, ['logic1', 'logic2']],
    [60, ['logic1', 'logic2', 'logic3']],
    [240, []],
    [1440, ['logic3']],
  ])('a %im trend feeds %j', (timeframe, expected) => {
    expect(logicsUsingTrend(timeframe, logics)).toEqual(expected);
  });

  it('describes the traded timeframes', () => {
    expect(describeTimeframes(logics)).toBe('5m, 15m and 60m');
  });
});
