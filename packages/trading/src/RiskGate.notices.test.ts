import { afterEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { alert, harness, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

// XAUUSD is $100 per 1.00 of price per lot; the harness prices it at 2650.
let h: Harness;
afterEach(async () => {
  await h.cleanup();
});

const config = (daily: number, lifetime: number, worstCase = false) => ({
  risk: {
    tiers: [{ balance: 0, daily_loss_cap: daily, lifetime_loss_cap: lifetime, fixed_lot: 0.01 }],
    worst_case: worstCase,
  },
  lot_sizing: { smart_lot: false },
});

const place = (extra: { stopLoss?: number; lots?: number } = {}) =>
  h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy', ...extra });

async function lose(lots: number, exit: number): Promise<void> {
  await place({ lots });
  await tick(h, 'XAUUSD', exit);
  await h.engine.servicesFor('alpha').orderExecution.closePositions({ reason: 'loss' });
  await tick(h, 'XAUUSD', 2650);
}

describe('cap notices carry the figures of their own cap', () => {
  it('a daily notice names the daily loss, not the larger lifetime loss, from the system', async () => {
    h = await harness({ config: config(100, 10_000) });
    h.clock.set('2026-03-01T10:00:00.000Z');
    await lose(0.5, 2649); // $50 yesterday
    h.clock.set('2026-03-02T10:00:00.000Z');
    await lose(1, 2649); // $100 today
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.DailyCap });
    const [notice] = h.engine.outbox.pending(100).filter((r) => r.kind === 'daily_loss_cap');
    expect(notice).toMatchObject({ plugin: 'system', payload: { which: 'daily', loss: 100, cap: 100 } });
  });

  it('a lifetime notice names the lifetime loss, not the smaller daily loss', async () => {
    h = await harness({ config: config(1_000, 120) });
    h.clock.set('2026-03-01T10:00:00.000Z');
    await lose(0.5, 2649); // $50 yesterday
    h.clock.set('2026-03-02T10:00:00.000Z');
    await lose(0.7, 2649); // $70 today: $120 over the lifetime
    expect(await place()).toMatchObject({ ok: false, code: TradingErrorCode.LifetimeCap });
    const [notice] = h.engine.outbox.pending(100).filter((r) => r.kind === 'lifetime_loss_cap');
    expect(notice).toMatchObject({ plugin: 'system', payload: { which: 'lifetime', loss: 120, cap: 120 } });
  });

  it('counts open positions at their SL into the lifetime worst case', async () => {
    h = await harness({ config: config(10_000, 100, true) });
    expect((await place({ lots: 0.4, stopLoss: 2649 })).ok).toBe(true); // $40 at its SL
    const refused = await place({ lots: 0.7, stopLoss: 2649 }); // $70 more: $110
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.LifetimeCap });
    expect((await place({ lots: 0.6, stopLoss: 2649 })).ok).toBe(true); // $60 more: exactly $100
  });
});
