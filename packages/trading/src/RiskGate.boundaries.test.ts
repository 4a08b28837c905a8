import { ok } from '@zepix/broker-api';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { TradingConfigInput } from './config.js';
import { TradingErrorCode } from './errors.js';
import { alert, harness, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

// XAUUSD is $100 per 1.00 of price per lot; the harness prices it at 2650.
let h: Harness;
afterEach(async () => {
  await h.cleanup();
});

const tier = (daily: number, lifetime: number) => ({
  risk: { tiers: [{ balance: 0, daily_loss_cap: daily, lifetime_loss_cap: lifetime, fixed_lot: 0.01 }] },
  lot_sizing: { smart_lot: false },
});

const place = (
  plugin = 'alpha',
  extra: { direction?: 'buy' | 'sell'; stopLoss?: number; takeProfit?: number; lots?: number } = {},
) => h.engine.servicesFor(plugin).orderExecution.placeOrder({ alert: alert(), direction: 'buy', ...extra });

/** Opens `lots` at the current price, moves XAUUSD to `exit`, closes it, and puts the price back at 2650. */
async function realize(lots: number, exit: number, direction: 'buy' | 'sell' = 'buy', stopLoss?: number) {
  const placed = await place('loser', { lots, direction, ...(stopLoss === undefined ? {} : { stopLoss }) });
  if (!placed.ok) throw new Error(`${placed.code}: ${placed.reason}`);
  await tick(h, 'XAUUSD', exit);
  await h.engine.servicesFor('loser').orderExecution.closePositions({ reason: 'realize' });
  await tick(h, 'XAUUSD', 2650);
}

const notices = (kind: string) => h.engine.outbox.pending(200).filter((r) => r.kind === kind);

describe('the risk gate at its caps', () => {
  it('allows an entry one cent under the daily cap and refuses one exactly at it', async () => {
    h = await harness({ config: tier(100, 1_000) });
    await realize(1, 2649.01); // $99
    expect(h.engine.riskState()).toMatchObject({ dailyLoss: 99, dailyRealizedLoss: 99 });
    expect((await place()).ok).toBe(true);
    await h.engine.servicesFor('alpha').orderExecution.closePositions({ reason: 'flat' });
    await realize(0.01, 2649); // $1 more: exactly $100
    const refused = await place();
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.DailyCap });
    if (!refused.ok) {
      expect(refused.reason).toContain('daily loss $100 (realized $100 + open $0) has reached the $100 cap');
      expect(refused.reason).toContain('of the $0 tier (balance $9900)');
      expect(refused.reason).toContain('until the daily reset at 00:00 UTC');
    }
    expect(h.engine.riskState().blockedReason).toBe(refused.ok ? 'missing' : refused.reason);
  });

  it('allows an entry one cent under the lifetime cap and refuses one exactly at it, notifying once', async () => {
    h = await harness({ config: tier(1_000, 100) });
    await realize(1, 2649.01);
    expect((await place()).ok).toBe(true);
    await h.engine.servicesFor('alpha').orderExecution.closePositions({ reason: 'flat' });
    await realize(0.01, 2649);
    expect(h.engine.riskState()).toMatchObject({ lifetimeLoss: 100, lifetimeRealizedLoss: 100 });
    expect(notices('lifetime_loss_cap')).toHaveLength(0); // reading the state never notifies
    const refused = await place();
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.LifetimeCap });
    if (!refused.ok) {
      expect(refused.reason).toContain('lifetime loss $100 (realized $100 + open $0) has reached the $100 cap');
      expect(refused.reason).toContain('of the $0 tier (balance $9900)');
    }
    await place('beta');
    const sent = notices('lifetime_loss_cap');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain('LIFETIME LOSS CAP REACHED: lifetime loss $100');
    expect(sent[0]?.payload).toEqual({ which: 'lifetime', loss: 100, cap: 100, balance: 9_900, tier: 0 });
    expect(notices('daily_loss_cap')).toHaveLength(0);
  });

  it('names the lifetime cap when both caps are reached', async () => {
    h = await harness({ config: tier(100, 100) });
    await realize(1, 2649);
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.LifetimeCap });
  });

  it('notifies a new lifetime trip after the operator resets the counter', async () => {
    h = await harness({ config: tier(1_000, 100) });
    await realize(1, 2649);
    await place();
    h.clock.minutes(1);
    h.engine.resetLifetimeLoss('reviewed');
    expect(h.engine.riskState()).toMatchObject({ lifetimeLoss: 0, dailyLoss: 100 });
    h.clock.minutes(1);
    await realize(1, 2649);
    await place();
    await place();
    expect(notices('lifetime_loss_cap')).toHaveLength(2);
  });

  it('notifies the daily cap once per trading day, with the figures', async () => {
    h = await harness({ config: tier(100, 10_000) });
    await realize(1, 2649);
    expect(h.engine.riskState().blockedReason).toContain('daily loss $100');
    expect(notices('daily_loss_cap')).toHaveLength(0); // reading the state never notifies
    await place();
    await place('beta');
    const sent = notices('daily_loss_cap');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain('DAILY LOSS CAP REACHED: daily loss $100');
    expect(sent[0]?.payload).toEqual({ which: 'daily', loss: 100, cap: 100, balance: 9_900, tier: 0 });
    h.clock.set('2026-03-03T10:00:00.000Z');
    await realize(1, 2649);
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.DailyCap });
    expect(notices('daily_loss_cap')).toHaveLength(2);
  });

  it('counts open losses into both caps at the latest price', async () => {
    h = await harness({ config: tier(100, 150) });
    expect((await place('alpha', { lots: 1 })).ok).toBe(true);
    await tick(h, 'XAUUSD', 2649);
    expect(h.engine.riskState()).toMatchObject({ openLoss: 100, dailyLoss: 100, lifetimeLoss: 100 });
    expect(await place('beta')).toMatchObject({ ok: false, code: TradingErrorCode.DailyCap });
  });
});

describe('risk.loss_basis', () => {
  const withBasis = (basis: 'gross' | 'net'): TradingConfigInput => ({
    ...tier(1_000, 10_000),
    risk: { ...tier(1_000, 10_000).risk, loss_basis: basis },
  });

  it('gross counts every losing close; net counts only a net loss', async () => {
    for (const basis of ['gross', 'net'] as const) {
      h = await harness({ config: withBasis(basis) });
      await realize(1, 2650.6); // +$60
      await realize(1, 2649.5); // -$50
      expect(h.engine.riskState().dailyRealizedLoss).toBe(basis === 'gross' ? 50 : 0);
      await realize(1, 2649.8); // -$20: net -$10
      expect(h.engine.riskState()).toMatchObject({
        dailyRealizedLoss: basis === 'gross' ? 70 : 10,
        lifetimeRealizedLoss: basis === 'gross' ? 70 : 10,
      });
      await h.cleanup();
    }
    h = await harness();
  });

  it('gross counts every losing open position; net nets the open positions', async () => {
    for (const basis of ['gross', 'net'] as const) {
      h = await harness({ config: withBasis(basis) });
      expect((await place('alpha', { lots: 1 })).ok).toBe(true);
      expect((await place('beta', { lots: 0.5, direction: 'sell' })).ok).toBe(true);
      await tick(h, 'XAUUSD', 2650.2); // buy +$20, sell -$10
      expect(h.engine.riskState().openLoss).toBe(basis === 'gross' ? 10 : 0);
      await tick(h, 'XAUUSD', 2649.8); // buy -$20, sell +$10
      expect(h.engine.riskState()).toMatchObject({
        openLoss: basis === 'gross' ? 20 : 10,
        dailyLoss: basis === 'gross' ? 20 : 10,
      });
      await h.cleanup();
    }
    h = await harness();
  });
});

describe('the tier of the trading day', () => {
  const state = () => h.engine.servicesFor('alpha').riskManagement.getState();

  it('takes the balance at the last daily reset, so a loss today does not drop the tier', async () => {
    h = await harness({ balance: 10_050, config: { lot_sizing: { smart_lot: false } } });
    await realize(1, 2649); // balance 9_950 now, 10_050 at the reset
    expect(await state()).toMatchObject({ balance: 9_950, tier: 10_000 });
  });

  it('takes today’s wins off, so a win today does not raise the tier', async () => {
    h = await harness({ balance: 9_950, config: { lot_sizing: { smart_lot: false } } });
    await realize(1, 2651); // balance 10_050 now, 9_950 at the reset
    expect(await state()).toMatchObject({ balance: 10_050, tier: 5_000 });
    h.clock.set('2026-03-03T00:00:00.000Z'); // exactly at the next reset: a new day at the new balance
    expect(h.engine.riskState()).toMatchObject({ tier: 10_000, dailyResetAt: '2026-03-03T00:00:00.000Z' });
  });

  it('uses the pinned risk.tier whatever the balance', async () => {
    h = await harness({ balance: 50_000, config: { risk: { tier: 5_000 } } });
    await place();
    expect(h.engine.riskState()).toMatchObject({ tier: 5_000, dailyLossCap: 100 });
  });
});

/** Makes the paper broker report `balance` from now on (its faults still apply first). */
function reportBalance(target: Harness, balance: number): void {
  const summary = target.broker.accountSummary.bind(target.broker);
  target.broker.accountSummary = async () => {
    const result = await summary();
    return result.ok ? ok({ ...result.value, balance, equity: balance }) : result;
  };
}

describe('the balance the gate uses', () => {
  it('falls back to the last reported balance when the broker cannot say, and refuses when none is known', async () => {
    h = await harness({ balance: 5_000 });
    h.broker.injectFault({ method: 'accountSummary', outcome: 'unknown-before' });
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.NoAccount });
    expect((await place()).ok).toBe(true);
    reportBalance(h, 60_000);
    h.broker.injectFault({ method: 'accountSummary', outcome: 'rejected' });
    await place();
    expect(h.engine.riskState()).toMatchObject({ balance: 5_000, tier: 5_000 });
    await place();
    expect(h.engine.riskState()).toMatchObject({ balance: 60_000, tier: 50_000 });
    await h.reopen();
    expect(h.engine.riskState().balance).toBe(60_000);
  });

  it('falls back to the last balance when the broker throws', async () => {
    h = await harness({ balance: 5_000 });
    await place();
    const summary = h.broker.accountSummary.bind(h.broker);
    h.broker.accountSummary = () => Promise.reject(new Error('socket closed'));
    expect((await place()).ok).toBe(true);
    h.broker.accountSummary = summary;
    expect(h.engine.riskState().balance).toBe(5_000);
  });
});

describe('limits and their windows', () => {
  it('counts an order placed exactly a minute ago, not one older', async () => {
    h = await harness({ config: { risk: { max_orders_per_minute: 1, max_open_trades_per_plugin: 50 } } });
    expect((await place('a')).ok).toBe(true);
    h.clock.advance(60_000);
    const refused = await place('b');
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.RateLimit });
    if (!refused.ok) expect(refused.reason).toContain('1 orders in the last minute (risk.max_orders_per_minute = 1)');
    h.clock.advance(1);
    expect((await place('b')).ok).toBe(true);
  });

  it('refuses the entry that would exceed the open-trade limit and names it', async () => {
    h = await harness({ config: { risk: { max_open_trades_per_plugin: 1 } } });
    expect((await place('a')).ok).toBe(true);
    expect((await place('b')).ok).toBe(true);
    const refused = await place('a');
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.MaxOpen });
    if (!refused.ok)
      expect(refused.reason).toContain('plugin "a" already has 1 open trades (risk.max_open_trades_per_plugin = 1)');
  });

  it('exempts chain orders from the open-trade and order-rate limits, not plugin orders', async () => {
    h = await harness({ config: { risk: { max_open_trades_per_plugin: 1, max_orders_per_minute: 1 } } });
    const b = await h.engine
      .servicesFor('alpha')
      .orderExecution.placeOrder({ alert: alert(), direction: 'buy', leg: 'B', lots: 0.1, stopLoss: 2640 });
    expect(b.ok).toBe(true);
    await tick(h, 'XAUUSD', 2650.7); // order B books $7: level 2 opens two chain orders at once
    const level2 = h.engine.listTrades({ plugin: 'alpha' }).filter((t) => t.chainLevel === 2);
    expect(level2.map((t) => [t.origin, t.state])).toEqual([
      ['chain', 'open'],
      ['chain', 'open'],
    ]);
    expect(await place('beta')).toMatchObject({ ok: false, code: TradingErrorCode.RateLimit });
    h.clock.advance(61_000);
    expect((await place('alpha')).ok).toBe(true); // order B is closed and the chain orders do not count
    expect(await place('alpha')).toMatchObject({ ok: false, code: TradingErrorCode.MaxOpen });
  });
});

describe('levels at their edges', () => {
  it('refuses an SL or TP exactly at the entry, on either side', async () => {
    h = await harness({ config: { risk: { max_open_trades_per_plugin: 50, max_orders_per_minute: 50 } } });
    const sl = await place('alpha', { stopLoss: 2650 });
    expect(sl).toMatchObject({ ok: false, code: TradingErrorCode.InvalidLevels });
    if (!sl.ok)
      expect(sl.reason).toBe(
        'stop loss 2650 is on the wrong side of the buy entry 2650. Fix: a buy needs its SL below the price',
      );
    const tp = await place('alpha', { takeProfit: 2650 });
    if (!tp.ok) expect(tp.reason).toContain('Fix: a buy needs its TP above the price');
    expect(tp).toMatchObject({ ok: false, code: TradingErrorCode.InvalidLevels });
    const sellSl = await place('alpha', { direction: 'sell', stopLoss: 2650 });
    if (!sellSl.ok) expect(sellSl.reason).toContain('Fix: a sell needs its SL above the price');
    expect(sellSl).toMatchObject({ ok: false, code: TradingErrorCode.InvalidLevels });
    const sellTp = await place('alpha', { direction: 'sell', takeProfit: 2650 });
    if (!sellTp.ok) expect(sellTp.reason).toContain('Fix: a sell needs its TP below the price');
    expect(sellTp).toMatchObject({ ok: false, code: TradingErrorCode.InvalidLevels });
    expect((await place('alpha', { direction: 'sell', stopLoss: 2660, takeProfit: 2640 })).ok).toBe(true);
    expect((await place('alpha', { stopLoss: 2649.99, takeProfit: 2650.01 })).ok).toBe(true); // 1:1 exactly
  });

  it('says which ratio fell short of which minimum', async () => {
    h = await harness({ config: { risk: { min_rr_ratio: 2 } } });
    const refused = await place('alpha', { direction: 'sell', stopLoss: 2660, takeProfit: 2631 });
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.RiskReward });
    if (!refused.ok)
      expect(refused.reason).toBe(
        'reward:risk 1.90 is below risk.min_rr_ratio 2 (entry 2650, SL 2660, TP 2631). Fix: move the TP further, the SL closer, or lower risk.min_rr_ratio, or set plugins.alpha.risk.min_rr_ratio for this plugin alone',
      );
    expect((await place('alpha', { direction: 'sell', stopLoss: 2660, takeProfit: 2630 })).ok).toBe(true);
  });
});

describe('the worst case at its caps', () => {
  const worst = (daily: number, lifetime: number): TradingConfigInput => ({
    ...tier(daily, lifetime),
    risk: { ...tier(daily, lifetime).risk, worst_case: true },
  });

  it('allows an order that loses exactly the daily cap at its SL, not a cent more', async () => {
    h = await harness({ config: worst(100, 10_000) });
    expect((await place('alpha', { lots: 0.5, stopLoss: 2648 })).ok).toBe(true); // $100
    await h.engine.servicesFor('alpha').orderExecution.closePositions({ reason: 'flat' });
    expect(await place('alpha', { lots: 0.5, stopLoss: 2647.99 })).toMatchObject({
      ok: false,
      code: TradingErrorCode.DailyCap,
    });
  });

  it('allows an order that loses exactly the lifetime cap at its SL, and names the lifetime cap past it', async () => {
    h = await harness({ config: worst(10_000, 100) });
    await realize(0.1, 2649, 'buy', 2648.9); // $10 realized
    expect((await place('alpha', { lots: 0.45, stopLoss: 2648 })).ok).toBe(true); // $90
    await h.engine.servicesFor('alpha').orderExecution.closePositions({ reason: 'flat' });
    const refused = await place('alpha', { lots: 0.5, stopLoss: 2648, direction: 'buy' });
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.LifetimeCap });
    if (!refused.ok)
      expect(refused.reason).toBe(
        '0.5 lots buy XAUUSD at 2650 with SL 2648 (loses $100 at its SL) would put the lifetime worst case at $110 (realized $10 + open positions at their SL $0 + this order $100), over the $100 lifetime cap of the $0 tier. Fix: review the strategy, then reset the lifetime counter or raise risk.tiers',
      );
  });

  it('counts an SL that locks in a profit as no loss', async () => {
    h = await harness({ config: worst(100, 10_000) });
    expect((await place('alpha', { lots: 1, stopLoss: 2649.5 })).ok).toBe(true); // $50
    await tick(h, 'XAUUSD', 2652);
    const sell = await place('beta', { lots: 1, direction: 'sell', stopLoss: 2652.5 }); // $50 more: exactly $100
    expect(sell.ok).toBe(true);
  });

  it('checks a sell at its SL above the entry, and skips checkEntry without lots', async () => {
    h = await harness({ config: worst(100, 10_000) });
    const risk = h.engine.servicesFor('alpha').riskManagement;
    const refused = await risk.checkEntry({ symbol: 'XAUUSD', direction: 'sell', lots: 0.5, stopLoss: 2652.01 });
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.DailyCap });
    if (!refused.ok) {
      expect(refused.reason).toContain('0.5 lots sell XAUUSD at 2650 with SL 2652.01 (loses $100.5 at its SL)');
      expect(refused.reason).toContain('wait for positions to close or the daily reset at 00:00 UTC');
    }
    const none = await risk.checkEntry({ symbol: 'XAUUSD', direction: 'sell', lots: 0.5 });
    expect(none).toMatchObject({ ok: false, code: TradingErrorCode.NoStopLoss });
    if (!none.ok) expect(none.reason).toContain('the sell XAUUSD order (alert) has no stop-loss');
  });
});

describe('pause, resume and the lifetime reset', () => {
  /** The operator audit trail, read from the database file by a connection of the test's own. */
  function auditTrail(): { actor: string; action: string; detail: unknown }[] {
    const db = new Database(h.path, { readonly: true });
    try {
      const rows = db.prepare('SELECT actor, action, detail_json FROM audit ORDER BY id').all() as {
        actor: string;
        action: string;
        detail_json: string;
      }[];
      return rows.map((r) => ({ actor: r.actor, action: r.action, detail: JSON.parse(r.detail_json) as unknown }));
    } finally {
      db.close();
    }
  }

  it('audits and announces a pause and its resume, and says why entries are refused meanwhile', async () => {
    h = await harness();
    h.engine.resume(); // nothing to resume: audited, not announced
    expect(notices('resumed')).toHaveLength(0);
    h.engine.pause('news at 14:30');
    const paused = notices('paused');
    expect(paused).toHaveLength(1);
    expect(paused[0]?.text).toContain('TRADING PAUSED (exits only): news at 14:30');
    expect(paused[0]?.payload).toEqual({ reason: 'news at 14:30' });
    const refused = await place();
    if (!refused.ok)
      expect(refused.reason).toBe(
        'trading is paused (news at 14:30); only exits are allowed. Fix: resume from the operator API or CLI once the cause is dealt with',
      );
    expect(refused.ok).toBe(false);
    h.engine.resume();
    const resumed = notices('resumed');
    expect(resumed).toHaveLength(1);
    expect(resumed[0]?.text).toContain('TRADING RESUMED');
    expect(resumed[0]?.payload).toEqual({ was: 'news at 14:30' });
    h.engine.resetLifetimeLoss('strategy reviewed');
    expect(auditTrail()).toEqual([
      { actor: 'operator', action: 'resume', detail: { was: null } },
      { actor: 'operator', action: 'pause', detail: { reason: 'news at 14:30' } },
      { actor: 'operator', action: 'resume', detail: { was: 'news at 14:30' } },
      { actor: 'operator', action: 'reset_lifetime_loss', detail: { reason: 'strategy reviewed' } },
    ]);
  });
});
