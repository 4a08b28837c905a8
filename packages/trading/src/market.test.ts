import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradingClosedError } from './errors.js';
import { harness } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.cleanup();
});

describe('the market service', () => {
  it('answers prices, symbol specs and pips through the SymbolBook', async () => {
    const market = h.engine.servicesFor('alpha').market;
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2650.1, ask: 2650.4 });
    expect(await market.getPrice({ symbol: 'XAUUSD' })).toEqual({ bid: 2650.1, ask: 2650.4 });
    expect(await market.getPrice({ symbol: 'GBPUSD' })).toBeUndefined();
    expect(await market.getSymbolSpec({ symbol: 'XAUUSD' })).toEqual({
      symbol: 'XAUUSD',
      pipSize: 0.01,
      pipValuePerLot: 1,
      contractSize: 100,
      minStopPips: 20,
    });
    expect(await market.getSymbolSpec({ symbol: 'NOPE' })).toBeUndefined();
    expect(await market.toPips({ symbol: 'EURUSD', distance: 0.0025 })).toBe(25);
    expect(await market.toPips({ symbol: 'NOPE', distance: 1 })).toBeUndefined();
  });

  it('answers the spread from bid and ask, in price and in pips', async () => {
    const market = h.engine.servicesFor('alpha').market;
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2650.1, ask: 2650.4 });
    expect(await market.getSpread({ symbol: 'XAUUSD' })).toEqual({ bid: 2650.1, ask: 2650.4, spread: 0.3, pips: 30 });
    expect(await market.getSpread({ symbol: 'GBPUSD' })).toBeUndefined();
    expect(await market.getSpread({ symbol: 'NOPE' })).toBeUndefined();
  });
});

describe('the engine lifecycle', () => {
  it('refuses calls after close and closes twice without harm', async () => {
    await h.engine.close();
    await h.engine.close();
    expect(() => h.engine.servicesFor('alpha')).toThrow(TradingClosedError);
    expect(() => h.engine.listTrades()).toThrow(/closed/);
    await h.reopen();
    expect(h.engine.listTrades()).toEqual([]);
  });

  it('reports risk state with the last known balance', async () => {
    expect(h.engine.riskState()).toMatchObject({ paused: false, balance: null, tier: 5_000, openPositions: 0 });
    await h.engine.servicesFor('alpha').riskManagement.getState();
    expect(h.engine.riskState()).toMatchObject({
      balance: 10_000,
      tier: 10_000,
      dailyLossCap: 200,
      dailyResetAt: '2026-03-02T00:00:00.000Z',
    });
  });
});
