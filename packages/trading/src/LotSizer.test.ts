import { SymbolBook } from '@zepix/symbols';
import { afterEach, describe, expect, it } from 'vitest';
import { TradingConfigSchema } from './config.js';
import type { TradingConfigInput } from './config.js';
import { LotSizer } from './LotSizer.js';
import { alert, harness, lossFigures, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

const symbols = new SymbolBook();

function sizer(config: TradingConfigInput = {}) {
  return new LotSizer(TradingConfigSchema.parse(config), symbols);
}

const figures = lossFigures;

describe('lot sizing', () => {
  it.each([
    [5_000, 0.01],
    [9_000, 0.01],
    [10_000, 0.05],
    [25_000, 0.1],
    [50_000, 0.2],
    [100_000, 0.5],
    [2_000, 0.01],
  ])('gives balance %d the fixed lot %d', (balance, lots) => {
    expect(sizer().size({ symbol: 'XAUUSD' }, figures(balance)).lots).toBe(lots);
  });

  it('uses a per-symbol override before anything else', () => {
    const decision = sizer({ lot_sizing: { symbol_lots: { XAUUSD: 0.03 } } }).size(
      { symbol: 'XAUUSD', slDistance: 5 },
      figures(10_000),
    );
    expect(decision).toEqual({ lots: 0.03, basis: 'lot_sizing.symbol_lots.XAUUSD = 0.03' });
  });

  it('sizes from the SL distance in risk mode', () => {
    const risk = sizer({ lot_sizing: { mode: 'risk', risk_per_trade: 0.01 } });
    // $100 at risk over 1000 pips of $1 per lot; over 20 EURUSD pips of $10 per lot.
    expect(risk.size({ symbol: 'XAUUSD', slDistance: 10 }, figures(10_000)).lots).toBe(0.1);
    expect(risk.size({ symbol: 'EURUSD', slDistance: 0.002 }, figures(10_000)).lots).toBe(0.5);
    const noSl = risk.size({ symbol: 'XAUUSD' }, figures(10_000));
    expect(noSl.lots).toBe(0.05);
    expect(noSl.basis).toContain('risk mode needs an SL');
  });

  it('applies the multiplier, then rounds down to the lot step', () => {
    expect(sizer().size({ symbol: 'XAUUSD', multiplier: 1.5 }, figures(10_000))).toMatchObject({ lots: 0.07 });
    expect(sizer().size({ symbol: 'XAUUSD', multiplier: 2 }, figures(25_000))).toMatchObject({ lots: 0.2 });
  });

  it('shrinks the lot as the daily allowance is used ("smart lot") and never goes below the minimum', () => {
    const half = sizer().size({ symbol: 'XAUUSD' }, figures(100_000, 1_000));
    expect(half.lots).toBe(0.25);
    expect(half.basis).toContain('smart lot 0.50');
    expect(sizer().size({ symbol: 'XAUUSD' }, figures(100_000, 1_990)).lots).toBe(0.01);
    expect(sizer({ lot_sizing: { smart_lot: false } }).size({ symbol: 'XAUUSD' }, figures(100_000, 1_000)).lots).toBe(
      0.5,
    );
  });

  it('never goes below the broker minimum', () => {
    expect(sizer().size({ symbol: 'XAUUSD', multiplier: 0.1 }, figures(5_000)).lots).toBe(0.01);
    expect(sizer().given({ symbol: 'XAUUSD', lots: 0.001 }, figures(5_000)).lots).toBe(0.01);
  });

  it('shrinks given lots (re-entries, chain levels) like sized ones as the daily allowance is used', () => {
    const given = sizer().given({ symbol: 'XAUUSD', lots: 0.06 }, figures(5_000, 99));
    expect(given.lots).toBe(0.01);
    expect(given.basis).toContain('smart lot 0.01');
  });
});

describe('lot sizing through the services', () => {
  let h: Harness;
  afterEach(async () => {
    await h.cleanup();
  });

  it('sizes omitted lots on the order path and answers calculateLots', async () => {
    h = await harness({ balance: 50_000 });
    const services = h.engine.servicesFor('alpha');
    const placed = await services.orderExecution.placeOrder({ alert: alert(), direction: 'buy', lotMultiplier: 1.5 });
    expect(placed).toMatchObject({ ok: true, value: { lots: 0.3 } });
    expect(await services.riskManagement.calculateLots({ symbol: 'XAUUSD' })).toMatchObject({ lots: 0.2 });
    expect(await services.riskManagement.calculateLots({ symbol: 'NOPE' })).toMatchObject({ lots: 0 });
  });

  it('shrinks order sizes after a loss today', async () => {
    h = await harness({ balance: 10_000 });
    const services = h.engine.servicesFor('alpha');
    await services.orderExecution.placeOrder({ alert: alert(), direction: 'buy', lots: 1 });
    await tick(h, 'XAUUSD', 2649);
    await services.orderExecution.closePositions({ reason: 'loss' });
    // $100 of the $200 allowance is gone; the 0.05 lot becomes 0.02 (0.025 rounded down).
    const next = await services.orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
    expect(next).toMatchObject({ ok: true, value: { lots: 0.02 } });
  });

  it('sizes risk-based lots from the SL of the order', async () => {
    h = await harness({ balance: 10_000, config: { lot_sizing: { mode: 'risk', risk_per_trade: 0.02 } } });
    const placed = await h.engine
      .servicesFor('alpha')
      .orderExecution.placeOrder({ alert: alert(), direction: 'buy', stopLoss: 2630 });
    expect(placed).toMatchObject({ ok: true, value: { lots: 0.1 } });
  });
});
