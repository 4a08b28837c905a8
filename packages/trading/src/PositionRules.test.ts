import { afterEach, describe, expect, it } from 'vitest';
import { siblingClientOrderId } from './PositionRules.js';
import { alert, harness, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

describe('maximum holding time', () => {
  let h: Harness;
  afterEach(async () => {
    await h.cleanup();
  });

  it('closes a position held past maxHoldMinutes on the next tick, not before', async () => {
    h = await harness();
    const orders = h.engine.servicesFor('scalper').orderExecution;
    await orders.placeOrder({ alert: alert(), direction: 'buy', lots: 0.1, lifecycle: { maxHoldMinutes: 15 } });
    h.clock.minutes(14);
    await tick(h, 'XAUUSD', 2651);
    expect(h.engine.listTrades()[0]?.state).toBe('open');
    h.clock.minutes(1);
    await tick(h, 'XAUUSD', 2651);
    expect(h.engine.listTrades()[0]).toMatchObject({
      state: 'closed',
      exitNote: 'maximum holding time: open 15 min',
      closedBy: 'scalper',
    });
  });

  it('survives a restart: a position that expired while the bot was down closes when it opens again', async () => {
    h = await harness();
    const orders = h.engine.servicesFor('scalper').orderExecution;
    await orders.placeOrder({ alert: alert(), direction: 'buy', lots: 0.1, lifecycle: { maxHoldMinutes: 15 } });
    await orders.placeOrder({ alert: alert(), direction: 'buy', lots: 0.1 });
    await h.engine.close();
    h.clock.minutes(20);
    await h.reopen();
    const [held, free] = h.engine.listTrades();
    expect(held).toMatchObject({ state: 'closed', exitNote: 'maximum holding time: open 15 min' });
    expect(free?.state).toBe('open');
  });
});

describe('break-even', () => {
  let h: Harness;
  afterEach(async () => {
    await h.cleanup();
  });

  it('moves the remaining leg to entry + 2 pips when the sibling leg hits its TP, once', async () => {
    h = await harness();
    const orders = h.engine.servicesFor('momentum').orderExecution;
    const placed = await orders.placeDualOrder({
      alert: alert(),
      direction: 'buy',
      legs: 'both',
      orderA: { stopLoss: 2645, takeProfit: 2660 },
      orderB: { stopLoss: 2645, takeProfit: 2655 },
      lifecycle: { profitChain: false, breakEven: { offsetPips: 2, afterSiblingTp: true } },
    });
    expect(placed.ok).toBe(true);
    await tick(h, 'XAUUSD', 2651);
    expect(h.engine.listTrades().find((t) => t.leg === 'A')?.stopLoss).toBe(2645);
    await tick(h, 'XAUUSD', 2655.5); // B reaches TP1
    const [a, b] = h.engine.listTrades();
    expect(b).toMatchObject({ state: 'closed', closeReason: 'tp' });
    expect(a).toMatchObject({ state: 'open', stopLoss: 2650.02 });
    const notes = h.engine.outbox.pending().filter((m) => m.kind === 'break_even');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.text).toContain(
      'SL moved to 2650.02 (entry 2650 + 2 pips) because the other leg reached its target',
    );
    await tick(h, 'XAUUSD', 2656);
    expect(h.engine.outbox.pending().filter((m) => m.kind === 'break_even')).toHaveLength(1);
  });

  it('moves a sell to entry − N pips when the price reaches a level, and waits while the price forbids it', async () => {
    h = await harness();
    const orders = h.engine.servicesFor('swing').orderExecution;
    await orders.placeOrder({
      alert: alert({ direction: 'sell' }),
      direction: 'sell',
      lots: 0.1,
      stopLoss: 2660,
      lifecycle: { breakEven: { offsetPips: 5, atPrice: 2645 } },
    });
    await tick(h, 'XAUUSD', 2646);
    expect(h.engine.listTrades()[0]?.stopLoss).toBe(2660);
    await tick(h, 'XAUUSD', 2645);
    expect(h.engine.listTrades()[0]?.stopLoss).toBe(2649.95);
  });

  it('pairs dual legs by client order id', () => {
    expect(siblingClientOrderId('zabc-A')).toBe('zabc-B');
    expect(siblingClientOrderId('zabc-B')).toBe('zabc-A');
    expect(siblingClientOrderId('zabc-S')).toBeUndefined();
  });
});
