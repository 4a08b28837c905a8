import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { alert, harness } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.cleanup();
});

const services = (plugin = 'alpha') => h.engine.servicesFor(plugin);

describe('placing an order', () => {
  it('opens a position at the broker, records it and writes the entry notification', async () => {
    const result = await services().orderExecution.placeOrder({
      alert: alert(),
      direction: 'buy',
      stopLoss: 2640,
      takeProfit: 2670,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      plugin: 'alpha',
      symbol: 'XAUUSD',
      direction: 'buy',
      leg: 'single',
      entryPrice: 2650,
      stopLoss: 2640,
      takeProfit: 2670,
      lots: 0.05,
    });
    expect(h.placeRequests).toHaveLength(1);
    expect(h.placeRequests[0]?.clientOrderId).toBe(result.value.clientOrderId);
    const [trade] = h.engine.listTrades();
    expect(trade).toMatchObject({ state: 'open', brokerTradeId: 'P1', origin: 'alert' });
    const [entry] = h.engine.outbox.pending(10);
    expect(entry).toMatchObject({ plugin: 'alpha', kind: 'entry', sentAt: null });
    expect(entry?.text).toContain('ENTRY BUY XAUUSD @ 2650');
    expect(entry?.text).toContain('SL 2640 (1000 pips)');
    expect(entry?.text).toContain('TP 2670 (2000 pips)');
    expect(entry?.text).toContain('R:R 1:2');
    expect(entry?.payload).toMatchObject({ riskUsd: 50, lots: 0.05, rr: 2 });
  });

  it('places nothing twice: a re-delivered alert returns the existing position', async () => {
    const a = alert();
    const first = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    const second = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.id).toBe(first.value.id);
    expect(h.placeRequests).toHaveLength(1);
    expect(h.engine.listTrades()).toHaveLength(1);
  });

  it('still places nothing twice after a restart', async () => {
    const a = alert();
    const first = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    await h.reopen();
    const again = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    expect(again.ok && first.ok && again.value.id === first.value.id).toBe(true);
    expect(h.placeRequests).toHaveLength(1);
  });

  it('gives each leg and each plugin its own order for the same alert', async () => {
    const a = alert();
    await services('alpha').orderExecution.placeOrder({ alert: a, direction: 'buy', leg: 'A' });
    await services('alpha').orderExecution.placeOrder({ alert: a, direction: 'buy', leg: 'B' });
    await services('beta').orderExecution.placeOrder({ alert: a, direction: 'buy', leg: 'A' });
    expect(new Set(h.placeRequests.map((r) => r.clientOrderId)).size).toBe(3);
  });

  it('records a broker rejection and returns it again on re-delivery without asking the broker', async () => {
    h.broker.injectFault({
      method: 'placeMarketOrder',
      outcome: 'rejected',
      code: 'MARKET_CLOSED',
      reason: 'market is closed',
    });
    const a = alert();
    const first = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    expect(first).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.BrokerRejected });
    if (first.ok) return;
    expect(first.reason).toContain('MARKET_CLOSED');
    const again = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    expect(again).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.BrokerRejected });
    expect(h.placeRequests).toHaveLength(1);
    expect(h.engine.listTrades()[0]?.state).toBe('rejected');
    expect(h.engine.outbox.pending(10).map((r) => r.kind)).toEqual(['order_rejected']);
  });

  it('refuses an unknown symbol and a missing price with clear codes', async () => {
    const unknown = await services().orderExecution.placeOrder({
      alert: alert({ symbol: 'BTCUSD' }),
      direction: 'buy',
    });
    expect(unknown).toMatchObject({ ok: false, code: TradingErrorCode.UnknownSymbol });
    const noPrice = await services().orderExecution.placeOrder({
      alert: alert({ symbol: 'GBPUSD', price: undefined }),
      direction: 'buy',
    });
    expect(noPrice).toMatchObject({ ok: false, code: TradingErrorCode.NoPrice });
    const badLots = await services().orderExecution.placeOrder({ alert: alert(), direction: 'buy', lots: -1 });
    expect(badLots).toMatchObject({ ok: false, code: TradingErrorCode.InvalidLots });
    expect(h.placeRequests).toHaveLength(0);
  });
});

describe('unknown outcomes are reconciled, never resent', () => {
  it('finds an order the broker did take (unknown after) and opens it', async () => {
    h.broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-after' });
    const result = await services().orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
    expect(result).toMatchObject({ ok: true, value: { entryPrice: 2650 } });
    expect(h.engine.listTrades()[0]).toMatchObject({ state: 'open', brokerTradeId: 'P1' });
    expect(h.placeRequests).toHaveLength(1);
  });

  it('marks an order the broker never saw (unknown before) as failed and tells the plugin unknown', async () => {
    h.broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-before' });
    const a = alert();
    const result = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    expect(result).toMatchObject({ ok: false, status: 'unknown', code: TradingErrorCode.BrokerUnknown });
    expect(h.engine.listTrades()[0]).toMatchObject({ state: 'failed', errorCode: TradingErrorCode.OrderFailed });
    const again = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    expect(again).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.OrderFailed });
    expect(h.placeRequests).toHaveLength(1);
  });

  it('leaves the order unknown when the lookup fails too, and settles it as found at start-up', async () => {
    h.broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-after' });
    h.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before' });
    const result = await services().orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
    expect(result).toMatchObject({ ok: false, status: 'unknown' });
    expect(h.engine.listTrades()[0]?.state).toBe('unknown');
    const engine = await h.reopen();
    expect(engine.startupReport).toMatchObject({ opened: 1, failed: 0, stillUnknown: 0 });
    expect(engine.listTrades()[0]).toMatchObject({ state: 'open', brokerTradeId: 'P1' });
    expect(h.placeRequests).toHaveLength(1);
  });

  it('settles an unknown order as failed at start-up when the broker never saw it', async () => {
    h.broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-before' });
    h.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before' });
    await services().orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
    const engine = await h.reopen();
    expect(engine.startupReport).toMatchObject({ failed: 1 });
    expect(engine.listTrades()[0]?.state).toBe('failed');
    expect(h.placeRequests).toHaveLength(1);
  });

  it('records at start-up a close the broker made while the engine was down', async () => {
    const placed = await services().orderExecution.placeOrder({ alert: alert(), direction: 'buy', stopLoss: 2640 });
    expect(placed.ok).toBe(true);
    await h.engine.close();
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2639, ask: 2639 });
    const engine = await h.reopen();
    expect(engine.listTrades()[0]).toMatchObject({ state: 'closed', closeReason: 'sl', closedBy: 'broker' });
  });

  it('answers in-flight for a duplicate that arrives while the first is still at the broker', async () => {
    const a = alert();
    const [one, two] = await Promise.all([
      services().orderExecution.placeOrder({ alert: a, direction: 'buy' }),
      services().orderExecution.placeOrder({ alert: a, direction: 'buy' }),
    ]);
    const outcomes = [one, two].map((r) => (r.ok ? 'ok' : r.code));
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o === 'ok' || o === TradingErrorCode.InFlight)).toBe(true);
    expect(h.placeRequests).toHaveLength(1);
  });
});

describe('broker closes', () => {
  it('records SL and TP closes fired by the broker with their notification', async () => {
    await services().orderExecution.placeOrder({ alert: alert(), direction: 'buy', stopLoss: 2640, takeProfit: 2670 });
    await services().orderExecution.placeOrder({ alert: alert(), direction: 'sell', stopLoss: 2655, takeProfit: 2640 });
    h.clock.minutes(5);
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2639, ask: 2639 });
    const trades = h.engine.listTrades();
    expect(trades.map((t) => [t.state, t.closeReason])).toEqual([
      ['closed', 'sl'],
      ['closed', 'tp'],
    ]);
    // The paper broker fills a stop at its level, not at the gapped price that crossed it.
    expect(trades.map((t) => t.realizedPnl)).toEqual([-50, 50]);
    const kinds = h.engine.outbox.pending(10).map((r) => r.kind);
    expect(kinds).toEqual(['entry', 'entry', 'sl_hit', 'tp_hit']);
    const sl = h.engine.outbox.pending(10)[2];
    expect(sl?.text).toContain('P&L -$50.00 (-1000 pips)');
    expect(sl?.text).toContain('duration 5m 0s');
  });

  it('records a partial close at the broker', async () => {
    const placed = await services().orderExecution.placeOrder({ alert: alert(), direction: 'buy', lots: 0.1 });
    if (!placed.ok) throw new Error('not placed');
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2651, ask: 2651 });
    await h.broker.closeTrade({ tradeId: 'P1', lots: 0.04 });
    const [trade] = h.engine.listTrades();
    expect(trade).toMatchObject({ state: 'open', lots: 0.06, realizedPnl: 4 });
    expect(h.engine.outbox.pending(10).map((r) => r.kind)).toEqual(['entry', 'partial_close']);
  });
});
