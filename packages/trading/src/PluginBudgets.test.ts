import { afterEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { alert, harness, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

describe('per-plugin risk budgets', () => {
  let h: Harness;
  afterEach(async () => {
    await h.cleanup();
  });

  const place = (plugin: string, lots = 0.1) =>
    h.engine.servicesFor(plugin).orderExecution.placeOrder({ alert: alert(), direction: 'buy', lots });

  it('refuses a plugin past its max_open and leaves other plugins their allowance', async () => {
    h = await harness({ balance: 10_000 });
    h.engine.servicesFor('scalper', { riskBudget: { max_open: 2 } });
    expect((await place('scalper')).ok).toBe(true);
    expect((await place('scalper')).ok).toBe(true);
    const refused = await place('scalper');
    expect(refused).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.BudgetMaxOpen });
    if (!refused.ok) expect(refused.reason).toContain('plugins.scalper.risk.max_open is 2');
    expect((await place('swing')).ok).toBe(true);
  });

  it('counts trades per day, closed ones included, and starts afresh after the daily reset', async () => {
    h = await harness({ balance: 10_000 });
    const scalper = h.engine.servicesFor('scalper', { riskBudget: { max_trades_per_day: 2 } });
    await place('scalper');
    await place('scalper');
    await scalper.orderExecution.closePositions({ reason: 'flat' });
    const refused = await place('scalper');
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.BudgetTradesPerDay });
    if (!refused.ok) expect(refused.reason).toContain('placed 2 trades today');
    h.clock.set('2026-03-03T00:00:01.000Z');
    expect((await place('scalper')).ok).toBe(true);
  });

  it('stops a plugin whose own realized plus open loss reached daily_loss_usd, not the others', async () => {
    // Smart lot would shrink the second order after the first loss; fixed lots keep the dollar figures exact.
    h = await harness({ balance: 10_000, config: { lot_sizing: { smart_lot: false } } });
    const scalper = h.engine.servicesFor('scalper', { riskBudget: { daily_loss_usd: 40 } });
    await place('scalper', 0.1);
    await tick(h, 'XAUUSD', 2648); // 0.1 lot × 200 pips × $1 = $20 open loss
    await scalper.orderExecution.closePositions({ reason: 'cut' });
    await place('scalper', 0.1);
    expect((await place('swing', 0.1)).ok).toBe(true);
    await tick(h, 'XAUUSD', 2646); // scalper: $20 realized + $20 open = $40
    const refused = await place('scalper');
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.BudgetDailyLoss });
    if (!refused.ok) expect(refused.reason).toContain('lost $40 today');
    expect(h.engine.riskState().budgets).toEqual({
      scalper: { budget: { daily_loss_usd: 40 }, dailyLoss: 40, open: 1, tradesToday: 2 },
    });
    expect((await place('swing')).ok).toBe(true);
  });

  it('cuts a bigger order down to max_lot; smaller ones pass unchanged', async () => {
    h = await harness({ balance: 10_000 });
    h.engine.servicesFor('scalper', { riskBudget: { max_lot: 0.1 } });
    const big = await place('scalper', 0.5);
    const small = await place('scalper', 0.05);
    expect(big.ok && big.value.lots).toBe(0.1);
    expect(small.ok && small.value.lots).toBe(0.05);
    expect((await place('swing', 0.5)).ok && true).toBe(true);
    expect(h.engine.listTrades({ plugin: 'swing' })[0]?.lots).toBe(0.5);
  });

  it('keeps counting across a restart (the counts come from the database)', async () => {
    h = await harness({ balance: 10_000 });
    h.engine.servicesFor('scalper', { riskBudget: { max_open: 1 } });
    await place('scalper');
    await h.reopen();
    h.engine.servicesFor('scalper', { riskBudget: { max_open: 1 } });
    expect(await place('scalper')).toMatchObject({ ok: false, code: TradingErrorCode.BudgetMaxOpen });
  });
});
