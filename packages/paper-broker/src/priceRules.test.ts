import { SymbolBook } from '@zepix/symbols';
import { describe, expect, it } from 'vitest';
import { buildTick, crossedLevel, resolveSpreads, spreadPipsFor, stopsProblem } from './priceRules.js';

const book = new SymbolBook();
const spreads = resolveSpreads(undefined);
const tick = (bid: number, ask: number) => ({ symbol: 'EURUSD', bid, ask, time: 't' });

describe('spreads', () => {
  it('defaults to 1 pip on FX and 20 pips on gold, and merges custom spreads over the defaults', () => {
    expect(spreadPipsFor(spreads, 'EURUSD')).toBe(1);
    expect(spreadPipsFor(spreads, 'XAUUSD')).toBe(20);
    const custom = resolveSpreads({ EURUSD: 0.5 });
    expect(spreadPipsFor(custom, 'EURUSD')).toBe(0.5);
    expect(spreadPipsFor(custom, 'XAUUSD')).toBe(20);
    expect(spreadPipsFor(custom, 'GBPUSD')).toBe(1);
  });

  it('refuses a negative spread', () => {
    expect(() => resolveSpreads({ EURUSD: -1 })).toThrow(/spreadPips.EURUSD/);
  });

  it('puts the spread around a mid price, through the symbol book', () => {
    expect(buildTick({ symbol: 'EURUSD', mid: 1.1 }, book, spreads, 't')).toEqual(tick(1.09995, 1.10005));
    expect(buildTick({ symbol: 'XAUUSD', mid: 2650 }, book, spreads, 't')).toMatchObject({ bid: 2649.9, ask: 2650.1 });
    expect(buildTick({ symbol: 'USDJPY', mid: 150 }, book, spreads, 't')).toMatchObject({ bid: 149.995, ask: 150.005 });
  });

  it('takes an explicit bid and ask as they are and refuses unusable prices', () => {
    expect(buildTick({ symbol: 'EURUSD', bid: 1.1, ask: 1.1002 }, book, spreads, 't')).toEqual(tick(1.1, 1.1002));
    const refuse = (update: Parameters<typeof buildTick>[0]) => () => buildTick(update, book, spreads, 't');
    expect(refuse({ symbol: 'EURUSD' })).toThrow(/give mid, or both bid and ask/);
    expect(refuse({ symbol: 'EURUSD', bid: 1.1 })).toThrow(/both bid and ask/);
    expect(refuse({ symbol: 'EURUSD', mid: 1.1, bid: 1.1 })).toThrow(/not both/);
    expect(refuse({ symbol: 'EURUSD', mid: -1 })).toThrow(/positive/);
    expect(refuse({ symbol: 'EURUSD', bid: 1.2, ask: 1.1 })).toThrow(/above ask/);
    expect(refuse({ symbol: 'NOPE', mid: 1 })).toThrow(/no symbol spec/);
  });
});

describe('crossedLevel', () => {
  const buy = { direction: 'buy' as const, stopLoss: 1.09, takeProfit: 1.11 };
  const sell = { direction: 'sell' as const, stopLoss: 1.11, takeProfit: 1.09 };

  it('watches a buy on the bid: SL at or below, TP at or above', () => {
    expect(crossedLevel(buy, tick(1.1, 1.1001))).toBeUndefined();
    expect(crossedLevel(buy, tick(1.09, 1.0901))).toEqual({ reason: 'sl', price: 1.09 });
    expect(crossedLevel(buy, tick(1.08, 1.0801))).toEqual({ reason: 'sl', price: 1.09 });
    expect(crossedLevel(buy, tick(1.11, 1.1101))).toEqual({ reason: 'tp', price: 1.11 });
    // The ask reaching TP is not enough: a buy closes by selling at the bid.
    expect(crossedLevel(buy, tick(1.1099, 1.1101))).toBeUndefined();
  });

  it('watches a sell on the ask: SL at or above, TP at or below', () => {
    expect(crossedLevel(sell, tick(1.1, 1.1001))).toBeUndefined();
    expect(crossedLevel(sell, tick(1.1099, 1.11))).toEqual({ reason: 'sl', price: 1.11 });
    expect(crossedLevel(sell, tick(1.0899, 1.09))).toEqual({ reason: 'tp', price: 1.09 });
    expect(crossedLevel(sell, tick(1.0899, 1.0901))).toBeUndefined();
  });

  it('ignores levels that are not set', () => {
    expect(crossedLevel({ direction: 'buy', stopLoss: null, takeProfit: null }, tick(0.5, 0.5001))).toBeUndefined();
  });
});

describe('stopsProblem', () => {
  const check = (direction: 'buy' | 'sell', stopLoss?: number, takeProfit?: number) =>
    stopsProblem({ direction, reference: 1.1, referenceName: 'fill price', stopLoss, takeProfit });

  it('wants a buy SL below and TP above the reference, and the mirror for a sell', () => {
    expect(check('buy', 1.09, 1.11)).toBeUndefined();
    expect(check('sell', 1.11, 1.09)).toBeUndefined();
    expect(check('buy', 1.11)).toMatch(/buy's stop loss must be below the fill price 1.1/);
    expect(check('buy', undefined, 1.09)).toMatch(/buy's take profit must be above/);
    expect(check('sell', 1.09)).toMatch(/sell's stop loss must be above/);
    expect(check('sell', undefined, 1.11)).toMatch(/sell's take profit must be below/);
    expect(check('buy', 1.1)).toMatch(/stop loss/);
    expect(check('buy', Number.NaN)).toMatch(/positive price/);
  });
});
