import { describe, expect, it } from 'vitest';
import { profitRowsSql } from './profitRowsSql.js';
import { SymbolBook, UnknownSymbolError } from './SymbolBook.js';

describe('SymbolBook', () => {
  const book = new SymbolBook();

  it('knows the original symbols with their pip sizes and values', () => {
    expect(book.require('EURUSD')).toMatchObject({ pipSize: 0.0001, pipValuePerLot: 10, contractSize: 100_000 });
    expect(book.require('XAUUSD')).toMatchObject({ pipSize: 0.01, pipValuePerLot: 1, contractSize: 100 });
    expect(book.require('USDJPY')).toMatchObject({ pipSize: 0.01, pipValuePerLot: 9.1 });
    expect(book.symbols()).toHaveLength(10);
  });

  it('converts distances to pips and back', () => {
    expect(book.toPips('EURUSD', 1.0855 - 1.0845)).toBe(10);
    expect(book.toPips('XAUUSD', 2.5)).toBe(250);
    expect(book.fromPips('USDJPY', 20)).toBe(0.2);
  });

  it('computes profit in USD, converting JPY at the live rate when known', () => {
    expect(book.profit({ symbol: 'XAUUSD', direction: 'buy', entry: 2650, exit: 2657, lots: 0.01 })).toBe(7);
    expect(book.profit({ symbol: 'EURUSD', direction: 'sell', entry: 1.085, exit: 1.086, lots: 0.1 })).toBe(-10);
    const live = new SymbolBook({ rates: (pair) => (pair === 'USDJPY' ? 150 : undefined) });
    expect(live.pipValuePerLot('GBPJPY')).toBeCloseTo(6.67, 2);
    expect(book.pipValuePerLot('GBPJPY')).toBe(9.1);
  });

  it('gives the terms profit uses, at the live rate, for valuing positions in SQL', () => {
    const live = new SymbolBook({ rates: (pair) => (pair === 'USDJPY' ? 150 : undefined) });
    expect(live.profitTerms('GBPJPY')).toEqual({ pipSize: 0.01, pipValuePerLot: live.pipValuePerLot('GBPJPY') });
    expect(book.profitTerms('EURUSD')).toEqual({ pipSize: 0.0001, pipValuePerLot: 10 });
    const text = profitRowsSql({ from: 't', direction: 'd', entry: 'e', lots: 'l' });
    for (const name of ['@buyExit', '@sellExit', '@pipSize', '@pipValuePerLot']) expect(text).toContain(name);
    // SQLite's ROUND sends halves away from zero, unlike Math.round; the expression must not use it.
    expect(text).not.toMatch(/ROUND\(/i);
  });

  it('rounds lots to the step and never below the minimum', () => {
    expect(book.normalizeLots('EURUSD', 0.057)).toBe(0.05);
    expect(book.normalizeLots('EURUSD', 0.001)).toBe(0.01);
  });

  it('names unknown symbols and the fix', () => {
    expect(() => book.require('BTCUSD')).toThrow(UnknownSymbolError);
    expect(() => book.require('BTCUSD')).toThrow(/known: AUDJPY.*symbol_map/);
  });

  it('accepts overrides and new symbols', () => {
    const custom = new SymbolBook({
      overrides: { GOLD: { pipSize: 0.01, contractSize: 100, pipValuePerLot: 1, quoteCurrency: 'USD' } },
    });
    expect(custom.profit({ symbol: 'GOLD', direction: 'buy', entry: 10, exit: 11, lots: 1 })).toBe(100);
  });
});
