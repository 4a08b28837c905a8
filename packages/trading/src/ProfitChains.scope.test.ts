import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { alert, harness, placeB, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.cleanup();
});

const booking = (plugin = 'alpha') => h.engine.servicesFor(plugin).profitBooking;
const kinds = () => h.engine.outbox.pending(100).map((r) => r.kind);

/** Chains of alpha on XAUUSD (buy) and EURUSD (sell), and of beta on XAUUSD (buy). */
async function threeChains() {
  await placeB(h);
  await placeB(h, { symbol: 'EURUSD', direction: 'sell' });
  await placeB(h, { plugin: 'beta' });
}

describe('starting a chain by hand', () => {
  it('refuses a position that does not exist, naming it', async () => {
    expect(await booking().startChain({ positionId: '999' })).toMatchObject({
      ok: false,
      status: 'rejected',
      code: TradingErrorCode.NotFound,
      reason: 'plugin "alpha" has no open position 999. Fix: pass the id of one of its open positions',
    });
  });

  it('refuses a position that is closed', async () => {
    const placed = await h.engine
      .servicesFor('alpha')
      .orderExecution.placeOrder({ alert: alert(), direction: 'buy', lots: 0.1 });
    if (!placed.ok) throw new Error(placed.reason);
    await h.engine.closeTrade({ id: placed.value.id, reason: 'test' });
    expect(await booking().startChain({ positionId: placed.value.id })).toMatchObject({
      ok: false,
      code: TradingErrorCode.NotFound,
    });
    expect(h.engine.chains()).toEqual([]);
  });

  it('refuses an order of a chain, which cannot root a chain of its own', async () => {
    await placeB(h);
    await tick(h, 'XAUUSD', 2650.7);
    const [order] = h.engine.listTrades({ state: 'open' });
    expect(order?.origin).toBe('chain');
    expect(await booking().startChain({ positionId: order?.id ?? '' })).toEqual({
      ok: false,
      status: 'rejected',
      code: TradingErrorCode.ChainExists,
      reason: `position ${order?.id} is itself an order of chain 1`,
    });
    expect(h.engine.chains()).toHaveLength(1);
  });
});

describe('stopping chains', () => {
  it("stops only the calling plugin's active chains on the symbol, and says so once for each", async () => {
    await threeChains();
    expect(await booking().stopChains({ symbol: 'XAUUSD', reason: 'reversal' })).toEqual({
      ok: true,
      value: { stopped: 1 },
    });
    expect(h.engine.chains().map((c) => [c.symbol, c.direction, c.state])).toEqual([
      ['XAUUSD', 'buy', 'stopped'],
      ['EURUSD', 'sell', 'active'],
      ['XAUUSD', 'buy', 'active'],
    ]);
    const stopped = h.engine.outbox.pending(100).filter((r) => r.kind === 'chain_stopped');
    expect(stopped.map((r) => [r.plugin, r.text])).toEqual([
      ['alpha', '[alpha] CHAIN STOPPED #1 BUY XAUUSD: reversal'],
    ]);
    // Stopping again finds nothing active.
    expect(await booking().stopChains({ symbol: 'XAUUSD', reason: 'again' })).toEqual({
      ok: true,
      value: { stopped: 0 },
    });
  });

  it('never moves a stopped chain on: its open orders are still booked, without a level-up', async () => {
    await placeB(h);
    await tick(h, 'XAUUSD', 2650.7);
    await booking().stopChains({ symbol: 'XAUUSD', reason: 'enough' });
    await tick(h, 'XAUUSD', 2651.4);
    expect(h.engine.listTrades({ state: 'open' })).toEqual([]);
    expect(kinds().filter((k) => k.startsWith('chain_'))).toEqual(['chain_level_up', 'chain_stopped']);
    expect(h.placeRequests).toHaveLength(3);
  });
});

describe('listing chains', () => {
  it("gives a plugin its own chains, on one symbol when asked; the operator sees every plugin's", async () => {
    await threeChains();
    expect((await booking().getChains()).map((c) => c.symbol)).toEqual(['XAUUSD', 'EURUSD']);
    expect((await booking().getChains({ symbol: 'EURUSD' })).map((c) => [c.symbol, c.direction])).toEqual([
      ['EURUSD', 'sell'],
    ]);
    expect((await booking('beta').getChains()).map((c) => c.id)).toEqual(['3']);
    expect(h.engine.chains().map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(h.engine.chains({ symbol: 'XAUUSD' }).map((c) => c.id)).toEqual(['1', '3']);
  });

  it('moves only the chains of the ticking symbol', async () => {
    await threeChains();
    await tick(h, 'EURUSD', 1.093);
    expect(h.engine.chains().map((c) => [c.symbol, c.level])).toEqual([
      ['XAUUSD', 1],
      ['EURUSD', 2],
      ['XAUUSD', 1],
    ]);
  });
});
