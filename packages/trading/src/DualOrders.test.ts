import { SymbolBook } from '@zepix/symbols';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradingConfigSchema } from './config.js';
import { orderBStopDistance, symbolClass } from './DualOrders.js';
import { TradingErrorCode } from './errors.js';
import { alert, harness } from './testSupport.js';
import type { Harness } from './testSupport.js';

describe("order B's default stop", () => {
  const symbols = new SymbolBook();
  it('classifies symbols', () => {
    expect(['XAUUSD', 'USDJPY', 'EURUSD'].map((s) => symbolClass(s, symbols))).toEqual(['metal', 'jpy', 'fx']);
  });

  it('uses the class default, or the per-symbol setting', () => {
    const defaults = TradingConfigSchema.parse({});
    expect(orderBStopDistance('XAUUSD', defaults, symbols)).toBe(1.5);
    expect(orderBStopDistance('EURUSD', defaults, symbols)).toBe(0.0015);
    expect(orderBStopDistance('USDJPY', defaults, symbols)).toBe(0.15);
    const custom = TradingConfigSchema.parse({ dual_orders: { b_sl_pips_by_symbol: { EURUSD: 25 } } });
    expect(orderBStopDistance('EURUSD', custom, symbols)).toBe(0.0025);
  });
});

describe('dual orders', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const dual = (
    options: Partial<
      Parameters<ReturnType<Harness['engine']['servicesFor']>['orderExecution']['placeDualOrder']>[0]
    > = {},
  ) =>
    h.engine.servicesFor('alpha').orderExecution.placeDualOrder({
      alert: alert(),
      direction: 'buy',
      legs: 'both',
      orderA: { stopLoss: 2640, takeProfit: 2680 },
      orderB: { takeProfit: 2655 },
      ...options,
    });

  it('opens A (Pine SL to TP2) and B (fixed-risk SL to TP1), and grows a chain from B only', async () => {
    const result = await dual();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.a).toMatchObject({ leg: 'A', stopLoss: 2640, takeProfit: 2680 });
    // B's SL risks $10 on its 0.05 lots (the $10k tier): $10 / (0.05 × $1 a pip) = 200 pips = 2.00 below.
    expect(result.value.b).toMatchObject({ leg: 'B', lots: 0.05, stopLoss: 2648, takeProfit: 2655 });
    expect(result.value.failures).toEqual([]);
    expect(result.value.a?.clientOrderId.endsWith('-A')).toBe(true);
    expect(result.value.b?.clientOrderId.endsWith('-B')).toBe(true);
    const chains = await h.engine.servicesFor('alpha').profitBooking.getChains();
    expect(chains).toHaveLength(1);
    expect(h.engine.listTrades().find((t) => t.leg === 'B')?.chainId).toBe(chains[0]?.id);
  });

  it('opens only the legs asked for', async () => {
    const onlyB = await dual({ legs: 'B', orderB: { stopLoss: 2645, takeProfit: 2660 } });
    expect(onlyB.ok && onlyB.value.a === undefined && onlyB.value.b?.stopLoss === 2645).toBe(true);
    const onlyA = await dual({ legs: 'A' });
    expect(onlyA.ok && onlyA.value.b === undefined && onlyA.value.a?.stopLoss === 2640).toBe(true);
  });

  it('keeps the other leg by default when one fails, and says why', async () => {
    const result = await dual({ orderB: { takeProfit: 2649 } });
    expect(result).toMatchObject({
      ok: true,
      value: { a: { leg: 'A' }, failures: [{ leg: 'B', code: TradingErrorCode.InvalidLevels }] },
    });
    expect(h.engine.listTrades({ state: 'open' })).toHaveLength(1);
  });

  it("closes the other leg under 'close-other'", async () => {
    const result = await dual({ orderB: { takeProfit: 2649 }, onLegFailure: 'close-other' });
    expect(result).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.InvalidLevels });
    if (!result.ok) expect(result.reason).toContain(TradingErrorCode.DualLegFailed);
    expect(h.engine.listTrades({ state: 'open' })).toHaveLength(0);
    expect(h.engine.listTrades({ state: 'closed' })[0]?.exitNote).toContain('close-other');
  });

  it('keeps B when the broker rejects A', async () => {
    h.broker.injectFault({
      method: 'placeMarketOrder',
      outcome: 'rejected',
      code: 'NO_MARGIN',
      reason: 'not enough margin',
    });
    const result = await dual();
    expect(result).toMatchObject({
      ok: true,
      value: { b: { leg: 'B' }, failures: [{ leg: 'A', code: TradingErrorCode.BrokerRejected }] },
    });
  });

  it('fails as a whole when no leg opens', async () => {
    h.engine.pause('test');
    const result = await dual();
    expect(result).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.Paused });
  });

  it('does not grow a chain when profit booking is off', async () => {
    const off = await harness({ config: { profit_booking: { enabled: false } } });
    try {
      await off.engine.servicesFor('alpha').orderExecution.placeDualOrder({
        alert: alert(),
        direction: 'buy',
        legs: 'B',
        orderA: { stopLoss: 2640 },
        orderB: {},
      });
      expect(await off.engine.servicesFor('alpha').profitBooking.getChains()).toEqual([]);
    } finally {
      await off.cleanup();
    }
  });
});
