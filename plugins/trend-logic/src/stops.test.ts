import { describe, expect, it } from 'vitest';
import { trendLogicConfigSchema } from './config.js';
import { baseStopPips, computeStops } from './stops.js';
import { setup } from './testSupport.js';

const { stop_loss: stopLoss } = trendLogicConfigSchema.parse({});
const XAUUSD = { symbol: 'XAUUSD', pipSize: 0.01, pipValuePerLot: 1, contractSize: 100, minStopPips: 20 };
const EURUSD = { symbol: 'EURUSD', pipSize: 0.0001, pipValuePerLot: 10, contractSize: 100_000, minStopPips: 5 };

describe('baseStopPips', () => {
  it('classifies metals and forex pairs, and lets a symbol setting win', () => {
    // The original's SL table: XAUUSD 1500 pips, the majors 150, USDJPY 166.
    expect(baseStopPips('XAUUSD', stopLoss)).toEqual({ pips: 1500, source: 'metals' });
    expect(baseStopPips('GOLD', stopLoss)).toEqual({ pips: 1500, source: 'metals' });
    expect(baseStopPips('EURUSD', stopLoss)).toEqual({ pips: 150, source: 'forex' });
    expect(baseStopPips('GBPUSD', stopLoss)).toEqual({ pips: 150, source: 'forex' });
    expect(baseStopPips('USDJPY', stopLoss)).toEqual({ pips: 166, source: 'symbol' });
    expect(baseStopPips('EURUSD', { ...stopLoss, symbols: { EURUSD: 20 } })).toEqual({ pips: 20, source: 'symbol' });
  });

  it('has no guess for symbols outside the classes', () => {
    expect(baseStopPips('US30', stopLoss)).toBeUndefined();
    expect(baseStopPips('BTCUSDT', stopLoss)).toBeUndefined();
    expect(baseStopPips('US30', { ...stopLoss, symbols: { US30: 40 } })).toEqual({ pips: 40, source: 'symbol' });
  });
});

describe('computeStops', () => {
  const base = { riskReward: 1.5 };

  it.each([
    // XAUUSD: 150 pips × 0.01
    ['buy', 1.0, 2650, 2648.5, 2652.25, 150],
    ['buy', 1.5, 2650, 2647.75, 2653.375, 225],
    ['sell', 2.5, 2650, 2653.75, 2644.375, 375],
  ] as const)('XAUUSD %s × SL %f: SL %f → %f / %f', (direction, slMultiplier, entryPrice, sl, tp, pips) => {
    const stops = computeStops({ ...base, direction, entryPrice, basePips: 150, slMultiplier, spec: XAUUSD });
    expect(stops).toEqual({
      entryPrice,
      stopLoss: sl,
      takeProfit: tp,
      slPips: pips,
      tpPips: pips * 1.5,
      pipSize: 0.01,
    });
  });

  it.each([
    // EURUSD: 15 pips × 0.0001
    ['buy', 1.0, 1.085, 1.0835, 1.08725, 15],
    ['sell', 1.5, 1.085, 1.08725, 1.08163, 22.5],
    ['sell', 2.5, 1.085, 1.08875, 1.07938, 37.5],
  ] as const)('EURUSD %s × SL %f: SL %f, TP %f', (direction, slMultiplier, entryPrice, sl, tp, pips) => {
    const stops = computeStops({ ...base, direction, entryPrice, basePips: 15, slMultiplier, spec: EURUSD });
    expect(stops).toMatchObject({ stopLoss: sl, takeProfit: tp, slPips: pips });
  });

  it('never comes closer than the symbol minimum', () => {
    const stops = computeStops({
      ...base,
      direction: 'buy',
      entryPrice: 1.085,
      basePips: 2,
      slMultiplier: 1,
      spec: EURUSD,
    });
    expect(stops).toMatchObject({ slPips: 5, stopLoss: 1.0845, takeProfit: 1.08575 });
  });

  it("uses the engine's symbol specs and agrees with market.toPips", async () => {
    const market = (await setup()).h.services.market;
    expect(await market.getSymbolSpec({ symbol: 'XAUUSD' })).toEqual(XAUUSD);
    expect(await market.getSymbolSpec({ symbol: 'EURUSD' })).toEqual(EURUSD);
    for (const [spec, entryPrice, basePips] of [
      [XAUUSD, 2650, 150],
      [EURUSD, 1.085, 15],
    ] as const) {
      const stops = computeStops({ ...base, direction: 'buy', entryPrice, basePips, slMultiplier: 1.5, spec });
      const distance = entryPrice - stops.stopLoss;
      expect(await market.toPips({ symbol: spec.symbol, distance })).toBe(stops.slPips);
    }
  });
});
