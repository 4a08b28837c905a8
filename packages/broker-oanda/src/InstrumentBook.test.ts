import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstrumentBook } from './InstrumentBook.js';

const instruments = [
  { name: 'EUR_USD', type: 'CURRENCY', displayPrecision: 5, tradeUnitsPrecision: 0, minimumTradeSize: '1' },
  { name: 'XAU_USD', type: 'METAL', displayPrecision: 3, tradeUnitsPrecision: 0, minimumTradeSize: '1' },
  { name: 'XAG_USD', type: 'METAL', displayPrecision: 4, tradeUnitsPrecision: 0, minimumTradeSize: '1' },
  { name: 'SPX500_USD', type: 'CFD', displayPrecision: 1, tradeUnitsPrecision: 1, minimumTradeSize: '0.1' },
];

describe('the instrument book', () => {
  it('knows each instrument by name and by its symbol without the underscore', () => {
    const book = new InstrumentBook(instruments);
    expect(book.symbols).toEqual(['EURUSD', 'XAUUSD', 'XAGUSD', 'SPX500USD']);
    expect(book.bySymbol('XAUUSD')).toEqual({
      name: 'XAU_USD',
      type: 'METAL',
      displayPrecision: 3,
      tradeUnitsPrecision: 0,
      minimumTradeSize: 1,
      contractSize: 100,
    });
    expect(book.byName('EUR_USD')?.contractSize).toBe(100_000);
    expect(book.byName('XAG_USD')?.contractSize).toBe(5_000);
    expect(book.byName('SPX500_USD')?.contractSize).toBe(1);
    expect(book.bySymbol('GBPUSD')).toBeUndefined();
    expect(book.symbolOf('GBP_USD')).toBe('GBPUSD');
  });

  it('lets symbol_map name an instrument, both ways, and skips entries for instruments the account lacks', () => {
    const book = new InstrumentBook(instruments, { GOLD: 'XAU_USD', NOPE: 'BTC_USD' });
    expect(book.bySymbol('GOLD')?.name).toBe('XAU_USD');
    expect(book.symbolOf('XAU_USD')).toBe('GOLD');
    expect(book.bySymbol('NOPE')).toBeUndefined();
    expect(book.symbols).toContain('GOLD');
    expect(book.symbols).not.toContain('XAUUSD');
    expect(book.symbols).not.toContain('NOPE');
  });

  it('turns lots into units at the instrument precision and back without float dust', () => {
    const book = new InstrumentBook(instruments);
    const eur = book.byName('EUR_USD')!;
    const spx = book.byName('SPX500_USD')!;
    expect(book.units(eur, 0.123456)).toBe(12_346);
    expect(book.units(spx, 2.345)).toBe(2.3);
    expect(book.lots(eur, -12_300)).toBe(0.123);
    expect(book.lots(undefined, 7)).toBe(7);
    expect(book.lots(eur, 1)).toBe(0.00001);
    expect(book.price(eur, 1.1)).toBe('1.10000');
  });

  it('gives back the lots it was given, to the unit, for any size', () => {
    const book = new InstrumentBook(instruments);
    fc.assert(
      fc.property(
        fc.constantFrom('EUR_USD', 'XAU_USD', 'XAG_USD'),
        fc.integer({ min: 1, max: 10_000_000 }),
        (name, units) => {
          const spec = book.byName(name)!;
          return (
            book.units(spec, book.lots(spec, units)) === units && book.lots(spec, -units) === book.lots(spec, units)
          );
        },
      ),
    );
  });
});
