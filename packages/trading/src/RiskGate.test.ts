import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_TIERS } from './config.js';
import { TradingErrorCode } from './errors.js';
import { lastDailyReset, tierFor } from './riskTiers.js';
import { alert, harness, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

describe('risk tiers', () => {
  it.each([
    [1_000, 5_000, 100, 500],
    [5_000, 5_000, 100, 500],
    [9_999, 5_000, 100, 500],
    [10_000, 10_000, 200, 1_000],
    [30_000, 25_000, 500, 2_500],
    [50_000, 50_000, 1_000, 5_000],
    [250_000, 100_000, 2_000, 10_000],
  ])('balance %d uses the %d tier ($%d daily, $%d lifetime)', (balance, tier, daily, lifetime) => {
    expect(tierFor(DEFAULT_RISK_TIERS, balance)).toMatchObject({
      balance: tier,
      daily_loss_cap: daily,
      lifetime_loss_cap: lifetime,
    });
  });

  it('finds the last daily reset before now', () => {
    expect(lastDailyReset(new Date('2026-03-02T10:00:00Z'), '00:00').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(lastDailyReset(new Date('2026-03-02T10:00:00Z'), '22:30').toISOString()).toBe('2026-03-01T22:30:00.000Z');
  });
});

describe('the risk gate', () => {
  let h: Harness;
  afterEach(async () => {
    await h.cleanup();
  });

  const place = (plugin = 'alpha', extra: { stopLoss?: number; takeProfit?: number; lots?: number } = {}) =>
    h.engine.servicesFor(plugin).orderExecution.placeOrder({ alert: alert(), direction: 'buy', ...extra });

  it('trips the daily cap on realized plus open losses, blocks entries, allows exits, and notifies once', async () => {
    h = await harness({ balance: 5_000, config: { lot_sizing: { smart_lot: false } } });
    const alpha = h.engine.servicesFor('alpha').orderExecution;
    await place('alpha', { lots: 1 });
    await tick(h, 'XAUUSD', 2649.5);
    await alpha.closePositions({ reason: 'take the loss' });
    expect(h.engine.riskState()).toMatchObject({ dailyRealizedLoss: 50, dailyLoss: 50 });
    expect((await place('alpha', { lots: 1 })).ok).toBe(true);
    await tick(h, 'XAUUSD', 2648.9);
    expect(h.engine.riskState()).toMatchObject({
      tier: 5_000,
      dailyLossCap: 100,
      dailyRealizedLoss: 50,
      openLoss: 60,
      dailyLoss: 110,
    });
    const refused = await place('beta');
    expect(refused).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.DailyCap });
    if (!refused.ok)
      expect(refused.reason).toContain('daily loss $110 (realized $50 + open $60) has reached the $100 cap');
    await place('gamma');
    expect(h.engine.outbox.pending(100).filter((r) => r.kind === 'daily_loss_cap')).toHaveLength(1);
    expect(h.engine.riskState().blockedReason).toContain('daily loss');
    const exit = await alpha.closePositions({ symbol: 'XAUUSD', reason: 'exit' });
    expect(exit).toMatchObject({ ok: true, value: { closed: [expect.any(String)], realizedPnl: -60 } });
  });

  it('keeps the daily cap across a restart and lifts it at the daily reset', async () => {
    h = await harness({ balance: 5_000 });
    await place('alpha', { lots: 1 });
    await tick(h, 'XAUUSD', 2648.9);
    await h.engine.servicesFor('alpha').orderExecution.closePositions({ reason: 'loss' });
    expect(h.engine.riskState().dailyRealizedLoss).toBe(110);
    await h.reopen();
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.DailyCap });
    h.clock.set('2026-03-03T00:00:01.000Z');
    expect((await place()).ok).toBe(true);
    expect(h.engine.riskState()).toMatchObject({ dailyRealizedLoss: 0, lifetimeRealizedLoss: 110 });
  });

  it('trips the lifetime cap over all days', async () => {
    h = await harness({
      balance: 5_000,
      config: { risk: { tiers: [{ balance: 0, daily_loss_cap: 1_000, lifetime_loss_cap: 150, fixed_lot: 0.01 }] } },
    });
    for (const day of ['2026-03-02', '2026-03-03']) {
      h.clock.set(`${day}T10:00:00.000Z`);
      await tick(h, 'XAUUSD', 2650);
      await place('alpha', { lots: 1 });
      await tick(h, 'XAUUSD', 2649.2);
      await h.engine.servicesFor('alpha').orderExecution.closePositions({ reason: 'loss' });
    }
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.LifetimeCap });
    h.engine.resetLifetimeLoss('reviewed');
    expect((await place()).ok).toBe(true);
  });

  it('pauses and resumes, and the pause survives a restart', async () => {
    h = await harness();
    const open = await place();
    h.engine.pause('news');
    await h.reopen();
    expect(h.engine.riskState()).toMatchObject({ paused: true, pauseReason: 'news' });
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.Paused });
    const exit = await h.engine.servicesFor('alpha').orderExecution.closePositions({ reason: 'exit' });
    expect(exit).toMatchObject({ ok: true, value: { closed: [open.ok ? open.value.id : 'missing'] } });
    h.engine.resume();
    expect((await place()).ok).toBe(true);
    expect(h.engine.outbox.pending(50).map((r) => r.kind)).toEqual(expect.arrayContaining(['paused', 'resumed']));
  });

  it('limits orders per minute across plugins', async () => {
    h = await harness({ config: { risk: { max_orders_per_minute: 3, max_open_trades_per_plugin: 50 } } });
    for (const plugin of ['a', 'b', 'c']) expect((await place(plugin)).ok).toBe(true);
    expect(await place('d')).toMatchObject({ ok: false, code: TradingErrorCode.RateLimit });
    h.clock.advance(61_000);
    expect((await place('d')).ok).toBe(true);
  });

  it('limits concurrent trades per plugin (default 5)', async () => {
    h = await harness();
    for (let i = 0; i < 5; i++) {
      h.clock.advance(7_000);
      expect((await place()).ok).toBe(true);
    }
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.MaxOpen });
  });

  it('checks reward:risk when both SL and TP are given, and the side of each level', async () => {
    h = await harness();
    expect(await place('alpha', { stopLoss: 2640, takeProfit: 2655 })).toMatchObject({
      ok: false,
      code: TradingErrorCode.RiskReward,
    });
    expect((await place('alpha', { stopLoss: 2640, takeProfit: 2660 })).ok).toBe(true);
    expect(await place('alpha', { stopLoss: 2660 })).toMatchObject({ ok: false, code: TradingErrorCode.InvalidLevels });
    expect(await place('alpha', { takeProfit: 2600 })).toMatchObject({
      ok: false,
      code: TradingErrorCode.InvalidLevels,
    });
  });

  it('lets a configured minimum reward:risk through lower ratios', async () => {
    h = await harness({ config: { risk: { min_rr_ratio: 0.5 } } });
    expect((await place('alpha', { stopLoss: 2640, takeProfit: 2655 })).ok).toBe(true);
  });

  it('answers checkEntry and getState for a plugin', async () => {
    h = await harness({ balance: 25_000 });
    await place('alpha');
    const risk = h.engine.servicesFor('alpha').riskManagement;
    expect(await risk.checkEntry({ symbol: 'XAUUSD', lots: 0.1 })).toEqual({ ok: true, value: { allowed: true } });
    expect(await risk.getState()).toMatchObject({
      paused: false,
      balance: 25_000,
      tier: 25_000,
      dailyLossCap: 500,
      lifetimeLossCap: 2_500,
      openPositions: 1,
    });
    expect(await risk.checkEntry({ symbol: 'NOPE', lots: 0.1 })).toMatchObject({
      ok: false,
      code: TradingErrorCode.UnknownSymbol,
    });
    h.engine.pause('maintenance');
    expect(await risk.checkEntry({ symbol: 'XAUUSD', lots: 0.1 })).toMatchObject({
      ok: false,
      code: TradingErrorCode.Paused,
    });
  });

  it('checks every order at its worst case: open positions and the new one at their stop-losses', async () => {
    h = await harness({ balance: 5_000, config: { risk: { worst_case: true } } }); // $100 daily cap
    // 0.3 lots, SL 3.00 below: $90 lost at the SL.
    expect((await place('alpha', { lots: 0.3, stopLoss: 2647 })).ok).toBe(true);
    const refused = await place('beta', { lots: 0.1, stopLoss: 2648 }); // another $20 at its SL
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.DailyCap });
    if (!refused.ok)
      expect(refused.reason).toContain(
        'daily worst case at $110 (realized $0 + open positions at their SL $90 + this order $20), over the $100 daily cap',
      );
    expect((await place('beta', { lots: 0.01, stopLoss: 2648 })).ok).toBe(true); // $2 fits
    expect(await place('gamma', { lots: 0.01 })).toMatchObject({ ok: false, code: TradingErrorCode.NoStopLoss });
  });

  it('checkEntry honours the lots, the direction and the levels it is given', async () => {
    h = await harness({ balance: 5_000, config: { risk: { worst_case: true } } });
    const risk = h.engine.servicesFor('alpha').riskManagement;
    const sell = { symbol: 'XAUUSD', direction: 'sell' as const, stopLoss: 2652 };
    expect(await risk.checkEntry({ ...sell, lots: 0.4 })).toEqual({ ok: true, value: { allowed: true } }); // $80
    expect(await risk.checkEntry({ ...sell, lots: 0.6 })).toMatchObject({ ok: false, code: TradingErrorCode.DailyCap });
    // A sell's SL below the price is on the wrong side; as a buy it would have passed.
    expect(await risk.checkEntry({ ...sell, lots: 0.1, stopLoss: 2648 })).toMatchObject({
      ok: false,
      code: TradingErrorCode.InvalidLevels,
    });
    expect(await risk.checkEntry({ symbol: 'XAUUSD', lots: 0 })).toMatchObject({
      ok: false,
      code: TradingErrorCode.InvalidLots,
    });
  });
});
