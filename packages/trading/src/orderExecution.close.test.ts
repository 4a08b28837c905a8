import type { Direction, OrderLeg } from '@zepix/plugin-core';
import { describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { orderExecutionFor } from './orderExecution.js';
import { alert, partsEachTest } from './testSupport.js';

const f = partsEachTest();

const orders = (plugin = 'alpha') => orderExecutionFor(f.parts, plugin);

async function open(
  direction: Direction,
  options: {
    plugin?: string;
    symbol?: 'XAUUSD' | 'EURUSD';
    lots?: number;
    leg?: OrderLeg;
    exitContinuation?: boolean;
  } = {},
): Promise<string> {
  const placed = await orders(options.plugin).placeOrder({
    alert: alert({ symbol: options.symbol ?? 'XAUUSD' }),
    direction,
    lots: options.lots ?? 0.01,
    ...(options.leg === undefined ? {} : { leg: options.leg }),
    ...(options.exitContinuation ? { lifecycle: { exitContinuation: true } } : {}),
  });
  if (!placed.ok) throw new Error(`${placed.code}: ${placed.reason}`);
  return placed.value.id;
}

const states = () => f.parts.ctx.positions.list({}).map((r) => `${r.plugin} ${r.symbol} ${r.direction} ${r.state}`);
const chainStates = () => f.parts.chains.status(undefined).map((c) => `${c.symbol} ${c.direction} ${c.state}`);

describe("a plugin's exit (closePositions)", () => {
  it('closes its positions on the symbol and side it names, and no one else’s', async () => {
    const buy = await open('buy');
    await open('sell');
    await open('buy', { symbol: 'EURUSD' });
    await open('buy', { plugin: 'beta' });
    expect(await orders().closePositions({ symbol: 'XAUUSD', direction: 'buy', reason: 'exit' })).toEqual({
      ok: true,
      value: { closed: [buy], realizedPnl: 0 },
    });
    expect(states()).toEqual([
      'alpha XAUUSD buy closed',
      'alpha XAUUSD sell open',
      'alpha EURUSD buy open',
      'beta XAUUSD buy open',
    ]);
  });

  it('closes every side on the symbol without a direction, and every symbol without a symbol', async () => {
    await open('buy');
    await open('sell');
    await open('buy', { symbol: 'EURUSD' });
    const bySymbol = await orders().closePositions({ symbol: 'XAUUSD', reason: 'exit' });
    expect(bySymbol.ok && bySymbol.value.closed).toEqual(['1', '2']);
    const rest = await orders().closePositions({ reason: 'flat' });
    expect(rest.ok && rest.value.closed).toEqual(['3']);
    expect(states().every((s) => s.endsWith('closed'))).toBe(true);
  });

  it('adds up the realised P&L to the cent', async () => {
    await open('buy', { lots: 0.01 });
    await open('buy', { lots: 0.02 });
    f.broker.updatePrice({ symbol: 'XAUUSD', mid: 2651.1 });
    // 1.10 + 2.20, which floats add to 3.3000000000000003.
    expect(await orders().closePositions({ symbol: 'XAUUSD', reason: 'exit' })).toEqual({
      ok: true,
      value: { closed: ['1', '2'], realizedPnl: 3.3 },
    });
  });

  it('stops its chains and cancels its monitors on that side of the symbol only', async () => {
    await open('buy', { leg: 'B', exitContinuation: true });
    await open('sell', { leg: 'B' });
    await open('buy', { symbol: 'EURUSD', leg: 'B' });
    await open('buy', { plugin: 'beta', leg: 'B' });
    await orders().closePositions({ symbol: 'XAUUSD', direction: 'buy', reason: 'bearish' });
    expect(chainStates()).toEqual([
      'XAUUSD buy stopped',
      'XAUUSD sell active',
      'EURUSD buy active',
      'XAUUSD buy active',
    ]);
    expect(f.parts.ctx.outbox.pending(100).find((r) => r.kind === 'chain_stopped')?.text).toContain('exit: bearish');
    // The exit armed the buy's exit continuation; an exit of the sells leaves it, an exit of the buys cancels it.
    expect(f.parts.monitors.list('alpha').map((m) => m.kind)).toEqual(['exit_continuation']);
    await orders().closePositions({ symbol: 'XAUUSD', direction: 'sell', reason: 'x' });
    expect(f.parts.monitors.list('alpha')).toHaveLength(1);
    await orders().closePositions({ symbol: 'XAUUSD', direction: 'buy', reason: 'x' });
    expect(f.parts.monitors.list('alpha')).toHaveLength(0);
  });

  it('stops the chains of every symbol it closes when no symbol is named, and only those', async () => {
    await open('buy', { leg: 'B' });
    await open('buy', { symbol: 'EURUSD', leg: 'B' });
    // A chain whose orders are all closed (its next level not yet opened) has nothing on its symbol to close.
    const euro = f.parts.ctx.positions.byId(2);
    if (euro === undefined) throw new Error('not stored');
    await f.parts.closer.close(euro, { by: 'engine', note: null, pluginExit: false });
    await orders().closePositions({ reason: 'flat' });
    expect(chainStates()).toEqual(['XAUUSD buy stopped', 'EURUSD buy active']);
  });

  it('notes the exit on the monitors it cancels', async () => {
    await open('buy', { exitContinuation: true });
    await orders().closePositions({ symbol: 'XAUUSD', reason: 'first exit' });
    const [monitor] = f.parts.monitors.list('alpha');
    await orders().closePositions({ symbol: 'XAUUSD', reason: 'second exit' });
    expect(f.parts.ctx.monitors.byId(Number(monitor?.id))).toMatchObject({
      state: 'cancelled',
      note: 'exit: second exit',
    });
  });

  it('says how many of how many it closed when the broker refuses one', async () => {
    const first = await open('buy');
    const second = await open('buy');
    const third = await open('buy');
    f.broker.injectFault({ method: 'closeTrade', outcome: 'rejected', reason: 'market closed' });
    const answer = await orders().closePositions({ symbol: 'XAUUSD', reason: 'exit' });
    expect(answer).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.CloseFailed });
    if (answer.ok) return;
    expect(answer.reason).toMatch(
      new RegExp(
        `^closed 2 of 3 \\(${second}, ${third}, P&L \\$0\\); broker "paper" did not close position ${first} .*market closed`,
      ),
    );
  });

  it('answers unknown when a close is not confirmed, and names none closed', async () => {
    await open('buy');
    await open('sell');
    f.broker.injectFault({ method: 'closeTrade', outcome: 'rejected' });
    f.broker.injectFault({ method: 'closeTrade', outcome: 'unknown-before' });
    f.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before', count: 2 });
    const answer = await orders().closePositions({ symbol: 'XAUUSD', reason: 'exit' });
    expect(answer).toMatchObject({ ok: false, status: 'unknown', code: TradingErrorCode.CloseFailed });
    if (answer.ok) return;
    expect(answer.reason).toMatch(
      /^closed 0 of 2 \(none, P&L \$0\); broker "paper" did not close position 1 .*; broker/,
    );
  });
});

describe('open positions as a plugin sees them', () => {
  it('lists its own open positions, by symbol and side when asked, valued at the latest price', async () => {
    await open('buy');
    await open('sell');
    await open('buy', { symbol: 'EURUSD' });
    await open('buy', { plugin: 'beta' });
    f.parts.ctx.quotes.update({ symbol: 'XAUUSD', bid: 2652, ask: 2652, time: '2026-03-02T10:00:00.000Z' });
    const all = await orders().getOpenPositions();
    expect(all.map((p) => [p.symbol, p.direction, p.unrealizedPnl])).toEqual([
      ['XAUUSD', 'buy', 2],
      ['XAUUSD', 'sell', -2],
      ['EURUSD', 'buy', 0],
    ]);
    expect((await orders().getOpenPositions({ symbol: 'EURUSD' })).map((p) => p.id)).toEqual(['3']);
    expect((await orders().getOpenPositions({ direction: 'sell' })).map((p) => p.id)).toEqual(['2']);
    expect((await orders('beta').getOpenPositions()).map((p) => p.id)).toEqual(['4']);
  });
});
