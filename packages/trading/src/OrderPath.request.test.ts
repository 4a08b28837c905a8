import { describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import type { OrderRequest } from './OrderPath.js';
import { partsEachTest } from './testSupport.js';

const f = partsEachTest();
let seq = 0;

/** Places an XAUUSD buy for alpha with a fresh client order id, changed by `request`. */
function place(request: Partial<OrderRequest> = {}) {
  return f.parts.orders.place({
    plugin: 'alpha',
    clientOrderId: `req-${++seq}`,
    symbol: 'XAUUSD',
    direction: 'buy',
    leg: 'single',
    origin: 'alert',
    ...request,
  });
}

/** The stored row of the last order placed. */
const row = () => f.parts.ctx.positions.byClientOrderId(`req-${seq}`);

describe('stop-loss and take-profit as distances from the fill', () => {
  it('puts a buy’s SL below and its TP above the fill, rounded clear of float noise', async () => {
    await place({ symbol: 'EURUSD', stopDistance: 0.0015, takeDistance: 0.0025 });
    expect(row()).toMatchObject({ state: 'open', entry_price: 1.1, stop_loss: 1.0985, take_profit: 1.1025 });
  });

  it('puts a sell’s SL above and its TP below the fill', async () => {
    await place({ symbol: 'EURUSD', direction: 'sell', stopDistance: 0.0015, takeDistance: 0.0025 });
    expect(row()).toMatchObject({ state: 'open', entry_price: 1.1, stop_loss: 1.1015, take_profit: 1.0975 });
  });

  it('takes absolute levels before distances, and sends the broker only the levels there are', async () => {
    await place({ stopLoss: 2645, stopDistance: 1, takeProfit: 2655, takeDistance: 1 });
    expect(row()).toMatchObject({ stop_loss: 2645, take_profit: 2655 });
    await place();
    expect(row()).toMatchObject({ stop_loss: null, take_profit: null });
    expect(f.placeRequests.map((r) => [r.stopLoss, r.takeProfit, 'stopLoss' in r, 'takeProfit' in r])).toEqual([
      [2645, 2655, true, true],
      [undefined, undefined, false, false],
    ]);
  });

  it('prices from the alert when the broker has no quote for the symbol', async () => {
    const answer = await place({ symbol: 'GBPUSD', stopDistance: 0.01, fallbackPrice: 1.27 });
    // The intent is priced from the alert; the paper broker cannot fill without its own price.
    expect(row()).toMatchObject({ stop_loss: 1.26 });
    expect(answer).toMatchObject({ ok: false, code: TradingErrorCode.BrokerRejected });
  });
});

describe('the SL at a dollar risk (order B)', () => {
  it('turns the risk into pips for the sized lots, to a tenth of a pip, below a buy and above a sell', async () => {
    await place({ lots: 0.03, stopRiskUsd: 10 });
    // $10 on 0.03 lots at $1 per pip per lot is 333.33 pips, taken as 333.3.
    expect(row()).toMatchObject({ lots: 0.03, stop_loss: 2646.667 });
    await place({ direction: 'sell', lots: 0.1, stopRiskUsd: 10 });
    expect(row()).toMatchObject({ lots: 0.1, stop_loss: 2651 });
  });

  it('counts the symbol’s own pip value', async () => {
    // EURUSD pays $10 per pip per lot: $10 on 0.1 lots is 10 pips.
    await place({ symbol: 'EURUSD', lots: 0.1, stopRiskUsd: 10 });
    expect(row()).toMatchObject({ stop_loss: 1.099 });
  });

  it('gives way to an SL or a stop distance the order brings', async () => {
    await place({ lots: 0.1, stopRiskUsd: 10, stopLoss: 2640 });
    expect(row()?.stop_loss).toBe(2640);
    await place({ lots: 0.1, stopRiskUsd: 10, stopDistance: 5 });
    expect(row()?.stop_loss).toBe(2645);
  });
});

describe('sizes that are not positive', () => {
  it.each([0, -0.01, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses lots %s before asking the broker',
    async (lots) => {
      expect(await place({ lots })).toEqual({
        ok: false,
        status: 'rejected',
        code: TradingErrorCode.InvalidLots,
        reason: `lots ${lots} × multiplier 1 is not a positive size. Fix: pass positive lots and lotMultiplier, or omit lots to let lot sizing decide`,
      });
    },
  );

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a lot multiplier of %s', async (lotMultiplier) => {
    expect(await place({ lotMultiplier })).toMatchObject({
      ok: false,
      code: TradingErrorCode.InvalidLots,
      reason: expect.stringContaining(`lots undefined × multiplier ${lotMultiplier} is not a positive size`),
    });
  });

  it('refuses nothing for the smallest positive size and a multiplier on sized lots', async () => {
    expect(await place({ lots: 0.01 })).toMatchObject({ ok: true, value: { lots: 0.01 } });
    expect(await place({ lotMultiplier: 2 })).toMatchObject({ ok: true, value: { lots: 0.1 } });
    expect(await place()).toMatchObject({ ok: true, value: { lots: 0.05 } });
    expect(f.placeRequests).toHaveLength(3);
  });
});

describe('sizing with the order’s own SL', () => {
  it('sizes risk-mode lots from the distance to the SL on either side', async () => {
    await f.configure({ lot_sizing: { mode: 'risk', smart_lot: false } });
    // 1 % of $10,000 over a 10.00 (1000-pip) stop at $1 per pip per lot.
    expect(await place({ stopLoss: 2640 })).toMatchObject({ ok: true, value: { lots: 0.1 } });
    expect(await place({ direction: 'sell', stopLoss: 2660 })).toMatchObject({ ok: true, value: { lots: 0.1 } });
    expect(await place({ stopLoss: 2645, lotMultiplier: 0.5 })).toMatchObject({ ok: true, value: { lots: 0.1 } });
  });

  it('sizes an order without an SL at the tier’s fixed lot even in risk mode', async () => {
    await f.configure({ lot_sizing: { mode: 'risk', smart_lot: false } });
    expect(await place()).toMatchObject({ ok: true, value: { lots: 0.05 } });
  });
});

describe('what the intent row records', () => {
  it('stores the origin, leg, lifecycle and re-entry level the order came with, timed by the clock', async () => {
    await place({
      origin: 'reentry',
      leg: 'reentry-2',
      reentryLevel: 2,
      lifecycle: { maxHoldMinutes: 30 },
    });
    expect(row()).toMatchObject({
      origin: 'reentry',
      leg: 'reentry-2',
      reentry_level: 2,
      lifecycle_json: '{"maxHoldMinutes":30}',
      chain_id: null,
      chain_level: null,
      created_at: '2026-03-02T10:00:00.000Z',
      requested_lots: 0.05,
    });
    await place();
    expect(row()).toMatchObject({ origin: 'alert', reentry_level: 0, lifecycle_json: '{}' });
  });
});

describe('orders that cannot be priced or checked', () => {
  it('refuses an unknown symbol, listing the known ones', async () => {
    const answer = await place({ symbol: 'BTCUSD' });
    expect(answer).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.UnknownSymbol });
    if (answer.ok) return;
    expect(answer.reason).toMatch(/^no symbol spec for "BTCUSD"; known: (\w+, )+XAUUSD\. Fix: add it under symbols/);
  });

  it('refuses a symbol with no price anywhere, naming it', async () => {
    expect(await place({ symbol: 'GBPUSD' })).toEqual({
      ok: false,
      status: 'rejected',
      code: TradingErrorCode.NoPrice,
      reason:
        'no price for GBPUSD from the broker and the alert carries none. Fix: feed prices to the broker (or send alerts with a price) before trading GBPUSD',
    });
  });

  it('refuses while no account balance was ever known, and sends nothing', async () => {
    f.broker.injectFault({ method: 'accountSummary', outcome: 'unknown-before' });
    expect(await place()).toEqual({
      ok: false,
      status: 'rejected',
      code: TradingErrorCode.NoAccount,
      reason:
        'the broker "paper" did not report an account balance and none is known yet, so risk cannot be checked. Fix: check the broker connection',
    });
    expect(f.placeRequests).toHaveLength(0);
    expect(row()).toBeUndefined();
  });

  it('records nothing for an order the risk gate refuses', async () => {
    await f.configure({ risk: { worst_case: true } });
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.NoStopLoss });
    expect(row()).toBeUndefined();
    expect(f.placeRequests).toHaveLength(0);
  });
});
