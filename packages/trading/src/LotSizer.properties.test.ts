import fc from 'fast-check';
import { SymbolBook } from '@zepix/symbols';
import { describe, expect, it } from 'vitest';
import { TradingConfigSchema } from './config.js';
import type { TradingConfigInput } from './config.js';
import { LotSizer } from './LotSizer.js';
import { tierFor } from './riskTiers.js';
import { lossFigures } from './testSupport.js';

const symbols = new SymbolBook();
const sizer = (config: TradingConfigInput = {}) => new LotSizer(TradingConfigSchema.parse(config), symbols);

const figures = lossFigures;

describe('lot sizing explains itself', () => {
  it('names the fixed lot and its tier, the multiplier, the shrink and the raise to the minimum', () => {
    expect(sizer().size({ symbol: 'XAUUSD' }, figures(10_000))).toEqual({
      lots: 0.05,
      basis: 'fixed lot 0.05 of the $10000 tier',
    });
    expect(sizer().size({ symbol: 'XAUUSD', multiplier: 2 }, figures(10_000, 50))).toEqual({
      lots: 0.07,
      basis: 'fixed lot 0.05 of the $10000 tier × multiplier 2 × smart lot 0.75 ($150.00 of $200 daily allowance left)',
    });
    expect(sizer().given({ symbol: 'XAUUSD', lots: 0.004 }, figures(5_000))).toEqual({
      lots: 0.01,
      basis: '0.004 lots given raised to the minimum 0.01',
    });
    expect(sizer().given({ symbol: 'XAUUSD', lots: 0.01 }, figures(5_000)).basis).toBe('0.01 lots given');
  });

  it('states the risk share, the balance, the dollars and the pips in risk mode', () => {
    const risk = sizer({ lot_sizing: { mode: 'risk', risk_per_trade: 0.015 } });
    expect(risk.size({ symbol: 'XAUUSD', slDistance: 5 }, figures(10_000))).toEqual({
      lots: 0.3,
      basis: 'risk 1.50% of $10000 ($150.00) over 500 pips',
    });
    expect(risk.size({ symbol: 'XAUUSD', slDistance: 0 }, figures(10_000)).basis).toBe(
      'fixed lot 0.05 of the $10000 tier (risk mode needs an SL; fixed lot used)',
    );
    expect(sizer().size({ symbol: 'XAUUSD', slDistance: 5 }, figures(10_000)).basis).toBe(
      'fixed lot 0.05 of the $10000 tier',
    );
  });

  it('shrinks to nothing (then the minimum) once the allowance is used up or overrun', () => {
    for (const used of [200, 250]) {
      const decision = sizer().size({ symbol: 'XAUUSD' }, figures(10_000, used));
      expect(decision.lots).toBe(0.01);
      expect(decision.basis).toContain('× smart lot 0.00 ($0.00 of $200 daily allowance left)');
    }
  });
});

describe('lot sizing properties', () => {
  const balance = fc.integer({ min: 1_000, max: 500_000 });
  const tierOf = (b: number) => tierFor(TradingConfigSchema.parse({}).risk.tiers, b);

  it('never exceeds the unshrunk lot, never goes below the minimum, and is a whole number of steps', () => {
    fc.assert(
      fc.property(
        balance,
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        (b, used, multiplier) => {
          const { lots } = sizer().size({ symbol: 'XAUUSD', multiplier }, figures(b, used));
          const full = tierOf(b).fixed_lot * multiplier;
          const steps = lots / 0.01;
          return lots >= 0.01 && lots <= Math.max(0.01, full + 1e-9) && Math.abs(steps - Math.round(steps)) < 1e-6;
        },
      ),
    );
  });

  it('gives fewer or equal lots as more of the day’s allowance is used', () => {
    fc.assert(
      fc.property(
        balance,
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        (b, x, y) => {
          const [less, more] = x <= y ? [x, y] : [y, x];
          const lotsAt = (used: number) => sizer().size({ symbol: 'XAUUSD', multiplier: 3 }, figures(b, used)).lots;
          return lotsAt(more) <= lotsAt(less);
        },
      ),
    );
  });

  it('risks at most the risk share of the balance at the SL in risk mode, unless raised to the minimum', () => {
    fc.assert(
      fc.property(balance, fc.integer({ min: 10, max: 5_000 }), (b, pips) => {
        const { lots } = sizer({ lot_sizing: { mode: 'risk', risk_per_trade: 0.01, smart_lot: false } }).size(
          { symbol: 'XAUUSD', slDistance: pips / 100 },
          figures(b),
        );
        const loss = lots * pips * symbols.pipValuePerLot('XAUUSD');
        return lots === 0.01 || loss <= b * 0.01 + 1e-6;
      }),
    );
  });
});
