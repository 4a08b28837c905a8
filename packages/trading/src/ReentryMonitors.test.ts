import type { LifecycleOptions } from '@zepix/plugin-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { TradingConfigInput } from './config.js';
import { alert, harness, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

afterEach(async () => {
  await h.cleanup();
});

const hunt: LifecycleOptions = { slHuntWindowMinutes: 30, alignmentTimeframes: [15, 60] };

/** A buy at 2650 with SL 2640 and TP 2670 (0.05 lots at the 10k tier). */
async function openBuy(lifecycle: LifecycleOptions, config: TradingConfigInput = {}) {
  h = await harness({ config });
  const placed = await h.engine
    .servicesFor('alpha')
    .orderExecution.placeOrder({ alert: alert(), direction: 'buy', stopLoss: 2640, takeProfit: 2670, lifecycle });
  if (!placed.ok) throw new Error(`${placed.code}: ${placed.reason}`);
  return placed.value;
}

const monitors = () => h.engine.servicesFor('alpha').reentry.getMonitors();
const reentries = () => h.engine.listTrades({ plugin: 'alpha' }).filter((t) => t.origin === 'reentry');

describe('SL-hunt recovery', () => {
  it('arms a monitor on an SL close and re-enters when price crosses back through the SL with trends aligned', async () => {
    const original = await openBuy(hunt);
    await tick(h, 'XAUUSD', 2639);
    expect(await monitors()).toMatchObject([
      { symbol: 'XAUUSD', kind: 'sl_hunt', level: 1, expiresAt: '2026-03-02T10:30:00.000Z' },
    ]);
    expect(h.engine.outbox.pending(50).map((r) => r.kind)).toEqual(['entry', 'sl_hit', 'reentry_armed']);
    await tick(h, 'XAUUSD', 2640);
    expect(reentries()).toHaveLength(0);
    await tick(h, 'XAUUSD', 2640.05);
    const [reentry] = reentries();
    // 30 % tighter: the 10.00 stop becomes 7.00; the 20.00 target distance is kept. The source's 0.05 lots go
    // through smart lot like every order: $50 of the $200 daily allowance is used, so × 0.75 → 0.03.
    expect(reentry).toMatchObject({
      state: 'open',
      direction: 'buy',
      leg: 'reentry-1',
      reentryLevel: 1,
      entryPrice: 2640.05,
      stopLoss: 2633.05,
      takeProfit: 2660.05,
      lots: 0.03,
    });
    expect(reentry?.clientOrderId).toBe(`${original.clientOrderId}-r1`);
    expect(h.trends.checks).toEqual([{ symbol: 'XAUUSD', direction: 'buy', timeframes: [15, 60] }]);
    expect(await monitors()).toEqual([]);
    expect(
      h.engine.outbox
        .pending(50)
        .map((r) => r.kind)
        .slice(-2),
    ).toEqual(['entry', 'reentry_taken']);
  });

  it('waits while the trends disagree and takes the re-entry once they agree', async () => {
    await openBuy(hunt);
    await tick(h, 'XAUUSD', 2639);
    h.trends.setAligned(false);
    await tick(h, 'XAUUSD', 2640.5);
    expect(reentries()).toHaveLength(0);
    expect(await monitors()).toHaveLength(1);
    h.trends.setAligned(true);
    await tick(h, 'XAUUSD', 2640.6);
    expect(reentries()).toHaveLength(1);
  });

  it('expires when the window passes', async () => {
    await openBuy(hunt);
    await tick(h, 'XAUUSD', 2639);
    h.clock.minutes(31);
    await tick(h, 'XAUUSD', 2641);
    expect(reentries()).toHaveLength(0);
    expect(await monitors()).toEqual([]);
  });

  it('tightens the SL by 30 % per level and stops at the maximum level', async () => {
    await openBuy(hunt, { reentry: { max_levels: 2 } });
    await tick(h, 'XAUUSD', 2639);
    await tick(h, 'XAUUSD', 2640.05);
    await tick(h, 'XAUUSD', 2633);
    expect(await monitors()).toMatchObject([{ level: 2 }]);
    await tick(h, 'XAUUSD', 2633.1);
    const second = reentries()[1];
    // 10 × 0.7 × 0.7 = 4.90 below the entry.
    expect(second).toMatchObject({ reentryLevel: 2, entryPrice: 2633.1, stopLoss: 2628.2 });
    await tick(h, 'XAUUSD', 2628);
    expect(await monitors()).toEqual([]);
    expect(reentries()).toHaveLength(2);
  });

  it('resumes a pending monitor after a restart', async () => {
    await openBuy(hunt);
    await tick(h, 'XAUUSD', 2639);
    await h.reopen();
    expect(await monitors()).toHaveLength(1);
    await tick(h, 'XAUUSD', 2640.2);
    expect(reentries()).toHaveLength(1);
  });

  it('is cancelled by cancelMonitors of its own plugin only', async () => {
    await openBuy(hunt);
    await tick(h, 'XAUUSD', 2639);
    const reentry = h.engine.servicesFor('alpha').reentry;
    expect(await h.engine.servicesFor('beta').reentry.cancelMonitors({ symbol: 'XAUUSD', reason: 'not mine' })).toEqual(
      { ok: true, value: { cancelled: 0 } },
    );
    expect(await reentry.cancelMonitors({ symbol: 'XAUUSD', reason: 'reversal' })).toEqual({
      ok: true,
      value: { cancelled: 1 },
    });
    await tick(h, 'XAUUSD', 2640.5);
    expect(reentries()).toHaveLength(0);
  });

  it('is cancelled by an exit on the symbol', async () => {
    await openBuy(hunt);
    await tick(h, 'XAUUSD', 2639);
    await h.engine.servicesFor('alpha').orderExecution.closePositions({ symbol: 'XAUUSD', reason: 'exit alert' });
    expect(await monitors()).toEqual([]);
    await tick(h, 'XAUUSD', 2640.5);
    expect(reentries()).toHaveLength(0);
  });

  it('arms nothing when the stop had been moved to breakeven', async () => {
    const original = await openBuy(hunt);
    // A stop must sit below the bid: price moves up first, as it would before a trader moves the stop to entry.
    await tick(h, 'XAUUSD', 2651);
    await h.engine.servicesFor('alpha').orderExecution.modifyPosition({ positionId: original.id, stopLoss: 2650 });
    await tick(h, 'XAUUSD', 2650);
    expect(h.engine.listTrades()[0]).toMatchObject({ state: 'closed', closeReason: 'sl' });
    expect(await monitors()).toEqual([]);
  });

  it('arms nothing without an SL-hunt window', async () => {
    await openBuy({});
    await tick(h, 'XAUUSD', 2639);
    expect(await monitors()).toEqual([]);
  });
});

describe('continuations', () => {
  it('re-enters after a TP when price runs 2 pips further within the window', async () => {
    await openBuy({ tpContinuation: true, alignmentTimeframes: [60] });
    await tick(h, 'XAUUSD', 2670);
    expect(await monitors()).toMatchObject([{ kind: 'tp_continuation', level: 1 }]);
    await tick(h, 'XAUUSD', 2670.01);
    expect(reentries()).toHaveLength(0);
    await tick(h, 'XAUUSD', 2670.02);
    expect(reentries()[0]).toMatchObject({ entryPrice: 2670.02, stopLoss: 2660.02, takeProfit: 2690.02 });
  });

  it('does not re-enter after a TP when the trends disagree', async () => {
    await openBuy({ tpContinuation: true, alignmentTimeframes: [60] });
    h.trends.setAligned(false, 'XAUUSD');
    await tick(h, 'XAUUSD', 2670);
    await tick(h, 'XAUUSD', 2671);
    expect(reentries()).toHaveLength(0);
  });

  it('re-enters after a plugin exit when price runs on in the original direction', async () => {
    await openBuy({ exitContinuation: true });
    await tick(h, 'XAUUSD', 2652);
    await h.engine.servicesFor('alpha').orderExecution.closePositions({ symbol: 'XAUUSD', reason: 'exit alert' });
    expect(await monitors()).toMatchObject([{ kind: 'exit_continuation' }]);
    await tick(h, 'XAUUSD', 2652.02);
    expect(reentries()[0]).toMatchObject({ entryPrice: 2652.02, stopLoss: 2642.02 });
  });
});
