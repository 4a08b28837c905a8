import { afterEach, describe, expect, it } from 'vitest';
import type { TradingConfigInput } from './config.js';
import { alert, harness, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

afterEach(async () => {
  await h.cleanup();
});

/** Order B on XAUUSD: 0.1 lots, so $7 is 70 pips (0.70) of profit. */
async function startWithB(config: TradingConfigInput = {}, stopLoss = 2640) {
  h = await harness({ config });
  const placed = await h.engine
    .servicesFor('alpha')
    .orderExecution.placeOrder({ alert: alert(), direction: 'buy', leg: 'B', lots: 0.1, stopLoss });
  if (!placed.ok) throw new Error(`${placed.code}: ${placed.reason}`);
  return placed.value;
}

const chains = () => h.engine.servicesFor('alpha').profitBooking.getChains();
const chainTrades = (level: number) => h.engine.listTrades({ plugin: 'alpha' }).filter((t) => t.chainLevel === level);

describe('profit-booking chains', () => {
  it('books order B at $7 and opens level 2 with two orders', async () => {
    const b = await startWithB();
    expect(await chains()).toMatchObject([{ level: 1, openOrders: 1, state: 'active' }]);
    await tick(h, 'XAUUSD', 2650.5);
    expect(chainTrades(1)[0]?.state).toBe('open');
    await tick(h, 'XAUUSD', 2650.7);
    expect(chainTrades(1)[0]).toMatchObject({ state: 'closed', realizedPnl: 7, closedBy: 'engine' });
    const level2 = chainTrades(2);
    expect(level2.map((t) => [t.state, t.lots, t.direction, t.origin, t.stopLoss])).toEqual([
      ['open', 0.1, 'buy', 'chain', 2640.7],
      ['open', 0.1, 'buy', 'chain', 2640.7],
    ]);
    expect(level2.map((t) => t.clientOrderId)).toEqual([`${b.clientOrderId}-c2-1`, `${b.clientOrderId}-c2-2`]);
    expect(await chains()).toMatchObject([{ level: 2, openOrders: 2, bookedPnl: 7, state: 'active' }]);
    const kinds = h.engine.outbox.pending(50).map((r) => r.kind);
    expect(kinds).toEqual(['entry', 'exit', 'chain_level_up', 'entry', 'entry']);
  });

  it('climbs to level 3 with four orders when level 2 is booked', async () => {
    await startWithB();
    await tick(h, 'XAUUSD', 2650.7);
    await tick(h, 'XAUUSD', 2651.4);
    expect(chainTrades(2).every((t) => t.state === 'closed' && t.realizedPnl === 7)).toBe(true);
    expect(chainTrades(3)).toHaveLength(4);
    expect(await chains()).toMatchObject([{ level: 3, openOrders: 4, bookedPnl: 21 }]);
  });

  it('stops on stopChains: no new level, but open orders are still booked', async () => {
    await startWithB();
    await tick(h, 'XAUUSD', 2650.7);
    const stopped = await h.engine
      .servicesFor('alpha')
      .profitBooking.stopChains({ symbol: 'XAUUSD', reason: 'reversal' });
    expect(stopped).toEqual({ ok: true, value: { stopped: 1 } });
    await tick(h, 'XAUUSD', 2651.4);
    expect(chainTrades(2).every((t) => t.state === 'closed')).toBe(true);
    expect(chainTrades(3)).toHaveLength(0);
    expect(await chains()).toMatchObject([{ state: 'stopped', level: 2, openOrders: 0, bookedPnl: 21 }]);
  });

  it('stops when the plugin closes its positions on the symbol (exit alert)', async () => {
    await startWithB();
    await tick(h, 'XAUUSD', 2650.7);
    await h.engine.servicesFor('alpha').orderExecution.closePositions({ symbol: 'XAUUSD', reason: 'bearish exit' });
    await tick(h, 'XAUUSD', 2652);
    expect(await chains()).toMatchObject([{ state: 'stopped', openOrders: 0 }]);
    expect(chainTrades(3)).toHaveLength(0);
  });

  it('resumes after a restart, driven by onPrice', async () => {
    await startWithB();
    await tick(h, 'XAUUSD', 2650.7);
    await h.engine.close();
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2651.4, ask: 2651.4 });
    await h.reopen();
    expect(await chains()).toMatchObject([{ level: 2, openOrders: 2 }]);
    await h.engine.onPrice({ symbol: 'XAUUSD', bid: 2651.4, ask: 2651.4, time: h.clock.now().toISOString() });
    expect(chainTrades(3)).toHaveLength(4);
  });

  it('ends a chain whose level closed without profit', async () => {
    await startWithB({ profit_booking: { strict: false } }, 2649);
    await tick(h, 'XAUUSD', 2648.9);
    expect(await chains()).toMatchObject([{ state: 'stopped', level: 1 }]);
    expect(h.engine.outbox.pending(50).find((r) => r.kind === 'chain_stopped')?.text).toContain(
      'level 1 closed without profit',
    );
  });

  it('in strict mode, a level order closed at a loss ends the chain', async () => {
    await startWithB({ profit_booking: { strict: true } });
    await tick(h, 'XAUUSD', 2650.7);
    const [first] = chainTrades(2);
    await h.engine
      .servicesFor('alpha')
      .orderExecution.modifyPosition({ positionId: first?.id ?? '', stopLoss: 2650.6 });
    await tick(h, 'XAUUSD', 2650.6);
    expect(await chains()).toMatchObject([{ state: 'stopped' }]);
    await tick(h, 'XAUUSD', 2651.4);
    expect(chainTrades(3)).toHaveLength(0);
  });

  it('outside strict mode, a level with one loss and one booking still climbs', async () => {
    await startWithB({ profit_booking: { strict: false } });
    await tick(h, 'XAUUSD', 2650.7);
    const [first] = chainTrades(2);
    await h.engine
      .servicesFor('alpha')
      .orderExecution.modifyPosition({ positionId: first?.id ?? '', stopLoss: 2650.6 });
    await tick(h, 'XAUUSD', 2650.6);
    await tick(h, 'XAUUSD', 2651.4);
    expect(chainTrades(3)).toHaveLength(4);
  });

  it('completes after the last enabled level', async () => {
    await startWithB({ profit_booking: { enabled_levels: 2 } });
    await tick(h, 'XAUUSD', 2650.7);
    await tick(h, 'XAUUSD', 2651.4);
    expect(await chains()).toMatchObject([{ state: 'completed', level: 2, bookedPnl: 21 }]);
    expect(h.engine.outbox.pending(50).map((r) => r.kind)).toContain('chain_completed');
  });

  it('uses the configured target and lets a plugin start a chain by hand', async () => {
    h = await harness({ config: { profit_booking: { target_usd: 3 } } });
    const services = h.engine.servicesFor('alpha');
    const placed = await services.orderExecution.placeOrder({ alert: alert(), direction: 'sell', lots: 0.1 });
    if (!placed.ok) throw new Error(placed.reason);
    expect(await services.profitBooking.getChains()).toEqual([]);
    const started = await services.profitBooking.startChain({ positionId: placed.value.id });
    expect(started.ok).toBe(true);
    expect(await services.profitBooking.startChain({ positionId: placed.value.id })).toEqual(started);
    await tick(h, 'XAUUSD', 2649.7);
    expect(await services.profitBooking.getChains()).toMatchObject([
      { direction: 'sell', level: 2, openOrders: 2, bookedPnl: 3 },
    ]);
  });
});
