import { describe, expect, it } from 'vitest';
import { combinedV3ConfigSchema } from './config.js';
import { routeToLogic } from './routing.js';

const routing = combinedV3ConfigSchema.parse({}).routing;

describe('routeToLogic', () => {
  it.each([
    ['Momentum_Breakout', 5, 'logic1', 'timeframe'],
    ['Momentum_Breakout', 15, 'logic2', 'timeframe'],
    ['Momentum_Breakout', 60, 'logic3', 'timeframe'],
    ['Institutional_Launchpad', 240, 'logic3', 'timeframe'],
    ['Screener_Full_Bullish', 5, 'logic3', 'signal-override'],
    ['Screener_Full_Bearish', 15, 'logic3', 'signal-override'],
    ['Golden_Pocket_Flip', 60, 'logic3', 'signal-override'],
    ['Golden_Pocket_Flip', 240, 'logic3', 'signal-override'],
    ['Golden_Pocket_Flip', 5, 'logic1', 'timeframe'],
    ['Golden_Pocket_Flip', 15, 'logic2', 'timeframe'],
  ] as const)('%s on %im goes to %s (%s)', (signal, timeframe, logic, rule) => {
    expect(routeToLogic(signal, timeframe, routing)).toEqual({ logic, rule });
  });

  it.each([
    [1, 'logic1'],
    [3, 'logic1'],
    [10, 'logic2'], // equidistant from 5 and 15: the longer timeframe wins
    [30, 'logic2'],
    [45, 'logic3'],
    [120, 'logic3'],
    [1440, 'logic3'],
  ] as const)('an unmapped %im chart goes to the nearest mapped timeframe: %s', (timeframe, logic) => {
    expect(routeToLogic('Momentum_Breakout', timeframe, routing)).toEqual({ logic, rule: 'nearest-timeframe' });
  });

  it('uses default_logic for unmapped charts when configured to', () => {
    const custom = combinedV3ConfigSchema.parse({
      routing: { unmapped_timeframe: 'default', default_logic: 'logic1' },
    }).routing;
    expect(routeToLogic('Momentum_Breakout', 30, custom)).toEqual({ logic: 'logic1', rule: 'default' });
    expect(routeToLogic('Momentum_Breakout', 15, custom)).toEqual({ logic: 'logic2', rule: 'timeframe' });
  });

  it('follows a custom timeframe table and overrides', () => {
    const custom = combinedV3ConfigSchema.parse({
      routing: { timeframes: { '5': 'logic2' }, signal_overrides: [{ signal: 'Sideways_Breakout', logic: 'logic1' }] },
    }).routing;
    expect(routeToLogic('Momentum_Breakout', 5, custom).logic).toBe('logic2');
    expect(routeToLogic('Sideways_Breakout', 5, custom)).toEqual({ logic: 'logic1', rule: 'signal-override' });
    expect(routeToLogic('Screener_Full_Bullish', 5, custom).logic).toBe('logic2');
  });
});
