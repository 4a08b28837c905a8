import { describe, expect, it } from 'vitest';
import { SYMBOL_PATTERN, normalizeSymbol } from './index.js';
import { checkSymbol } from './symbols.js';
import { checkChartTimeframe, timeframeMinutes } from './timeframes.js';

describe('normalizeSymbol', () => {
  it('strips the exchange prefix and upper-cases', () => {
    expect(normalizeSymbol('OANDA:XAUUSD')).toBe('XAUUSD');
    expect(normalizeSymbol(' fx:eurusd ')).toBe('EURUSD');
    expect(normalizeSymbol('XAUUSD')).toBe('XAUUSD');
  });

  it('applies the symbol map to the stripped ticker, a raw-ticker key winning', () => {
    const map = { XAUUSD: 'GOLD', 'PEPPERSTONE:XAUUSD': 'XAUUSD.a' };
    expect(normalizeSymbol('OANDA:XAUUSD', map)).toBe('GOLD');
    expect(normalizeSymbol('PEPPERSTONE:XAUUSD', map)).toBe('XAUUSD.a');
    expect(normalizeSymbol('EURUSD', map)).toBe('EURUSD');
  });

  it('ignores empty map values and never reads the prototype', () => {
    expect(normalizeSymbol('XAUUSD', { XAUUSD: ' ' })).toBe('XAUUSD');
    expect(normalizeSymbol('constructor', {})).toBe('CONSTRUCTOR');
    expect(normalizeSymbol('__proto__', {})).toBe('__PROTO__');
  });
});

describe('checkSymbol', () => {
  it('accepts tickers TradingView sends', () => {
    for (const raw of ['XAUUSD', 'OANDA:XAUUSD', 'GC1!', 'BINANCE:BTCUSDT.P', 'BRK.B', 'US30']) {
      const result = checkSymbol(raw);
      expect(result.ok, raw).toBe(true);
      if (result.ok) expect(result.value.ticker).toMatch(SYMBOL_PATTERN);
    }
  });

  it('refuses what is not a ticker, with a hint', () => {
    const messages = ['XAU USD', 'OANDA:', '', 'X', 'X'.repeat(21), 5, null].map((value) => {
      const result = checkSymbol(value);
      return result.ok ? 'accepted' : result.message;
    });
    expect(messages[0]).toMatch(/^"XAU USD" is not a ticker; use 2 to 20 letters, digits/);
    expect(messages[1]).toMatch(/^"OANDA:" has no ticker/);
    expect(messages[2]).toMatch(/has no ticker/);
    expect(messages[3]).toMatch(/"X" is not a ticker/);
    expect(messages[4]).toMatch(/^is 21 characters long \("XXXXXXXXXXXXXXXXXXXX…"\); a symbol has at most 20/);
    expect(messages[5]).toMatch(/^must be text, got 5/);
    expect(messages[6]).toMatch(/^is missing; send the ticker/);
  });

  it('never echoes a huge value back', () => {
    const result = checkSymbol('Y'.repeat(10_000));
    expect(result.ok ? '' : result.message.length).toBeLessThan(200);
  });
});

describe('timeframes', () => {
  it('reads minutes, labels and daily in the forms TradingView and traders write', () => {
    const cases: readonly [unknown, number | undefined][] = [
      ['5', 5],
      [5, 5],
      ['15m', 15],
      ['1H', 60],
      ['4h', 240],
      ['240', 240],
      ['D', 1440],
      ['1D', 1440],
      ['7', undefined],
      [7, undefined],
      ['1W', undefined],
      ['', undefined],
      ['m', undefined],
      [null, undefined],
      [5.5, undefined],
    ];
    for (const [value, minutes] of cases) expect(timeframeMinutes(value), String(value)).toBe(minutes);
  });

  it('says which chart intervals are accepted', () => {
    const result = checkChartTimeframe('7');
    expect(result.ok ? '' : result.message).toMatch(
      /"7" is not a supported timeframe; send the chart interval in minutes \(1, 3, 5, .*\) or "1D"/,
    );
  });
});
