import { afterEach, describe, expect, it } from 'vitest';
import type { TradingConfigInput } from './config.js';
import { harness, placeB, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

afterEach(async () => {
  await h.cleanup();
});

const chains = () => h.engine.chains();
const level = (n: number) => h.engine.listTrades({ plugin: 'alpha' }).filter((t) => t.chainLevel === n);
const messages = (kind: string) =>
  h.engine.outbox
    .pending(100)
    .filter((r) => r.kind === kind)
    .map((r) => r.text);

async function start(config: TradingConfigInput = {}) {
  h = await harness({ config });
}

describe('a chain level triggers exactly at the booking target', () => {
  it('books a buy at a $7 profit (bid 2650.70), not one tick before (2650.69)', async () => {
    await start();
    await placeB(h, { direction: 'buy' });
    await tick(h, 'XAUUSD', 2650.69);
    expect(level(1)[0]).toMatchObject({ state: 'open', realizedPnl: 0 });
    expect(chains()).toMatchObject([{ level: 1, state: 'active' }]);
    await tick(h, 'XAUUSD', 2650.7);
    expect(level(1)[0]).toMatchObject({
      state: 'closed',
      realizedPnl: 7,
      closedBy: 'engine',
      exitNote: 'booked at ≥ $7 (chain #1 level 1)',
    });
    expect(chains()).toMatchObject([{ level: 2, state: 'active', openOrders: 2 }]);
  });

  it('books a sell at a $7 profit (ask 2649.30), not one tick before (2649.31)', async () => {
    await start();
    await placeB(h, { direction: 'sell' });
    await tick(h, 'XAUUSD', 2649.31);
    expect(level(1)[0]?.state).toBe('open');
    await tick(h, 'XAUUSD', 2649.3);
    expect(level(1)[0]).toMatchObject({ state: 'closed', realizedPnl: 7, direction: 'sell' });
    // Level 2 sells keep B's 10.00 stop distance, above their own entry.
    expect(level(2).map((t) => [t.direction, t.leg, t.entryPrice, t.stopLoss])).toEqual([
      ['sell', 'chain-2-1', 2649.3, 2659.3],
      ['sell', 'chain-2-2', 2649.3, 2659.3],
    ]);
  });

  it('books each level-2 order at its own target, and climbs only when all of them are booked', async () => {
    await start();
    await placeB(h);
    await tick(h, 'XAUUSD', 2650.7);
    await tick(h, 'XAUUSD', 2651.39);
    expect(level(2).map((t) => t.state)).toEqual(['open', 'open']);
    expect(chains()).toMatchObject([{ level: 2 }]);
    await tick(h, 'XAUUSD', 2651.4);
    expect(level(2).map((t) => [t.state, t.realizedPnl])).toEqual([
      ['closed', 7],
      ['closed', 7],
    ]);
    expect(level(3).map((t) => t.leg)).toEqual(['chain-3-1', 'chain-3-2', 'chain-3-3', 'chain-3-4']);
  });

  it('climbs a sell chain to level 3 one tick later than it would a tick before', async () => {
    await start();
    await placeB(h, { direction: 'sell' });
    await tick(h, 'XAUUSD', 2649.3);
    await tick(h, 'XAUUSD', 2648.61);
    expect(level(3)).toHaveLength(0);
    await tick(h, 'XAUUSD', 2648.6);
    expect(level(3).map((t) => t.direction)).toEqual(['sell', 'sell', 'sell', 'sell']);
    expect(chains()).toMatchObject([{ direction: 'sell', level: 3, bookedPnl: 21 }]);
  });

  it('says what each level booked when it climbs, and the total when the last level completes', async () => {
    await start({ profit_booking: { enabled_levels: 2 } });
    await placeB(h);
    await tick(h, 'XAUUSD', 2650.7);
    await tick(h, 'XAUUSD', 2651.4);
    expect(messages('chain_level_up')).toEqual([
      '[alpha] CHAIN LEVEL UP #1 BUY XAUUSD: level 1 booked (1/1); opening level 2 with 2 orders; booked so far $7',
    ]);
    expect(messages('chain_completed')).toEqual([
      '[alpha] CHAIN COMPLETED #1 BUY XAUUSD: all 2 levels done, booked $21',
    ]);
    expect(chains()).toMatchObject([{ state: 'completed', level: 2 }]);
    // A completed chain opens nothing more.
    await tick(h, 'XAUUSD', 2652.1);
    expect(h.placeRequests).toHaveLength(3);
  });

  it('takes the order count of each level from profit_booking.levels; level 1 is always order B alone', async () => {
    await start({ profit_booking: { levels: [3, 3, 1] } });
    await placeB(h);
    await tick(h, 'XAUUSD', 2650.69);
    expect(h.placeRequests).toHaveLength(1);
    await tick(h, 'XAUUSD', 2650.7);
    expect(level(2)).toHaveLength(3);
    expect(messages('chain_level_up')[0]).toContain('opening level 2 with 3 orders');
    await tick(h, 'XAUUSD', 2651.4);
    expect(level(3)).toHaveLength(1);
    expect(messages('chain_level_up')[1]).toContain('level 2 booked (3/3); opening level 3 with 1 orders');
  });
});

describe('a level that books nothing ends the chain', () => {
  it('does not count a close at exactly break-even ($0) as booked', async () => {
    await start();
    const b = await placeB(h);
    await tick(h, 'XAUUSD', 2650.5);
    const moved = await h.engine
      .servicesFor('alpha')
      .orderExecution.modifyPosition({ positionId: b.id, stopLoss: 2650 });
    expect(moved.ok).toBe(true);
    await tick(h, 'XAUUSD', 2649);
    expect(level(1)[0]).toMatchObject({ state: 'closed', realizedPnl: 0 });
    expect(chains()).toMatchObject([{ state: 'stopped', level: 1 }]);
    expect(messages('chain_stopped')).toEqual(['[alpha] CHAIN STOPPED #1 BUY XAUUSD: level 1 closed without profit']);
    // The stopped chain orders nothing, on this tick or the next.
    await tick(h, 'XAUUSD', 2652);
    expect(h.placeRequests).toHaveLength(1);
  });

  it('outside strict mode, ends on a level-1 loss without ordering again', async () => {
    await start({ profit_booking: { strict: false } });
    await placeB(h, { direction: 'sell' });
    await tick(h, 'XAUUSD', 2661);
    expect(level(1)[0]).toMatchObject({ state: 'closed', realizedPnl: -100 });
    expect(chains()).toMatchObject([{ state: 'stopped', level: 1 }]);
    await tick(h, 'XAUUSD', 2640);
    expect(h.placeRequests).toHaveLength(1);
  });
});

describe('booking closes', () => {
  it('retries a booking the broker refused on the next tick, and climbs only once it is booked', async () => {
    await start();
    await placeB(h);
    h.broker.injectFault({ method: 'closeTrade', outcome: 'rejected', code: 'MARKET_CLOSED' });
    await tick(h, 'XAUUSD', 2650.7);
    expect(level(1)[0]?.state).toBe('open');
    expect(chains()).toMatchObject([{ level: 1, state: 'active' }]);
    expect(h.logs).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'booking close failed; retried on the next tick',
        positionId: 1,
        code: 'ZEPIX_CLOSE_FAILED',
        reason: expect.stringContaining('MARKET_CLOSED'),
      }),
    ]);
    await tick(h, 'XAUUSD', 2650.7);
    expect(level(1)[0]).toMatchObject({ state: 'closed', realizedPnl: 7 });
    expect(level(2)).toHaveLength(2);
  });

  it('is the engine booking, not a plugin exit: it arms no exit continuation', async () => {
    await start();
    await placeB(h, { lifecycle: { exitContinuation: true } });
    await tick(h, 'XAUUSD', 2650.7);
    expect(level(1)[0]?.state).toBe('closed');
    expect(await h.engine.servicesFor('alpha').reentry.getMonitors()).toEqual([]);
  });
});
