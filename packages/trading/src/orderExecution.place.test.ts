import type { PlaceOrderOptions } from '@zepix/plugin-core';
import { describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { orderExecutionFor } from './orderExecution.js';
import { alert, partsEachTest } from './testSupport.js';

const f = partsEachTest();

async function place(options: Partial<PlaceOrderOptions> = {}) {
  const placed = await orderExecutionFor(f.parts, 'alpha').placeOrder({ alert: alert(), direction: 'buy', ...options });
  const row = placed.ok ? f.parts.ctx.positions.byId(Number(placed.value.id)) : undefined;
  return { placed, row, lifecycle: row === undefined ? undefined : (JSON.parse(row.lifecycle_json) as unknown) };
}

describe('placeOrder as a plugin calls it', () => {
  it('is a single leg unless the plugin names one, with the leg in its client order id', async () => {
    const single = await place();
    expect(single.row).toMatchObject({ leg: 'single', origin: 'alert' });
    expect(single.row?.client_order_id).toMatch(/-S$/);
    const a = await place({ leg: 'A' });
    expect(a.row?.client_order_id).toMatch(/-A$/);
  });

  it('grows a chain from order B only, unless the plugin says otherwise either way', async () => {
    expect((await place({ leg: 'B' })).lifecycle).toEqual({ profitChain: true });
    expect((await place({ leg: 'A' })).lifecycle).toEqual({ profitChain: false });
    expect((await place({ leg: 'B', lifecycle: { profitChain: false } })).lifecycle).toEqual({ profitChain: false });
    expect((await place({ lifecycle: { profitChain: true, maxHoldMinutes: 15 } })).lifecycle).toEqual({
      profitChain: true,
      maxHoldMinutes: 15,
    });
    expect(f.parts.chains.status('alpha').map((c) => c.id)).toHaveLength(2);
  });

  it('grows no chain at all with profit booking off', async () => {
    await f.configure({ profit_booking: { enabled: false } });
    expect((await place({ leg: 'B' })).lifecycle).toEqual({ profitChain: false });
    expect((await place({ lifecycle: { profitChain: true } })).lifecycle).toEqual({ profitChain: false });
    expect(f.parts.chains.status('alpha')).toEqual([]);
  });

  it('trades the symbol the plugin names over the alert’s', async () => {
    const { row } = await place({ symbol: 'EURUSD' });
    expect(row).toMatchObject({ symbol: 'EURUSD', entry_price: 1.1 });
  });

  it('passes lots, the multiplier and both levels on', async () => {
    expect((await place({ lots: 0.07, stopLoss: 2640, takeProfit: 2670 })).row).toMatchObject({
      lots: 0.07,
      stop_loss: 2640,
      take_profit: 2670,
    });
    expect((await place({ lotMultiplier: 3 })).row).toMatchObject({ lots: 0.15, stop_loss: null, take_profit: null });
  });

  it('prices from the alert when the broker has none, and refuses when neither has one', async () => {
    // GBPUSD has a spec but no paper price: the alert's price lets the order through to the broker.
    const priced = await orderExecutionFor(f.parts, 'alpha').placeOrder({
      alert: alert({ symbol: 'GBPUSD', price: 1.27 }),
      direction: 'buy',
    });
    expect(priced).toMatchObject({ ok: false, code: TradingErrorCode.BrokerRejected });
    const unpriced = await orderExecutionFor(f.parts, 'alpha').placeOrder({
      alert: alert({ symbol: 'GBPUSD', price: undefined }),
      direction: 'buy',
    });
    expect(unpriced).toMatchObject({ ok: false, code: TradingErrorCode.NoPrice });
    expect(f.placeRequests.map((r) => r.symbol)).toEqual(['GBPUSD']);
  });
});
