import { expect, it, vi } from 'vitest';
import { isClosedTrade } from '../index.js';
import { START, WAIT, buy, expectOk, expectRejected, priceReported, recordEvents } from './kitSupport.js';
import type { SubjectRef } from './describeBrokerConformance.js';

/** Opening trades, idempotency by client order id, refusals, prices and the account. */
export function orderCases(current: SubjectRef): void {
  it('fills a market order with SL, TP and the client order id', async () => {
    const { broker } = current();
    const trade = expectOk(await broker.placeMarketOrder(buy('conf-open-1')));
    expect(trade).toMatchObject({ clientOrderId: 'conf-open-1', symbol: 'EURUSD', direction: 'buy', lots: 0.1 });
    expect(trade.tradeId).toMatch(/\S/);
    expect(trade.openPrice).toBeCloseTo(START.ask, 5);
    expect(trade.stopLoss).toBeCloseTo(1.0952, 5);
    expect(trade.takeProfit).toBeCloseTo(1.1052, 5);
    const open = expectOk(await broker.openTrades());
    expect(open.map((t) => t.tradeId)).toEqual([trade.tradeId]);
  });

  it('fills a sell at the bid', async () => {
    const { broker } = current();
    const order = buy('conf-sell-1', { direction: 'sell', stopLoss: 1.105, takeProfit: 1.095 });
    const trade = expectOk(await broker.placeMarketOrder(order));
    expect(trade.direction).toBe('sell');
    expect(trade.openPrice).toBeCloseTo(START.bid, 5);
  });

  it('creates nothing for a second order with the same client order id', async () => {
    const { broker } = current();
    const first = expectOk(await broker.placeMarketOrder(buy('conf-dup-1')));
    const second = await broker.placeMarketOrder(buy('conf-dup-1'));
    expectRejected(second);
    const open = expectOk(await broker.openTrades());
    expect(open.map((t) => t.tradeId)).toEqual([first.tradeId]);
  });

  it('finds a trade by client order id, open or closed, and nothing for an id never used', async () => {
    const { broker } = current();
    const trade = expectOk(await broker.placeMarketOrder(buy('conf-find-1')));
    const found = expectOk(await broker.findByClientOrderId('conf-find-1'));
    expect(found).toMatchObject({ tradeId: trade.tradeId, clientOrderId: 'conf-find-1' });
    expect(found !== undefined && isClosedTrade(found)).toBe(false);
    expectOk(await broker.closeTrade({ tradeId: trade.tradeId }));
    const closed = expectOk(await broker.findByClientOrderId('conf-find-1'));
    expect(closed !== undefined && isClosedTrade(closed)).toBe(true);
    expect(expectOk(await broker.findByClientOrderId('conf-never-sent'))).toBeUndefined();
  });

  it('rejects a stop loss on the wrong side of the market with a reason, opening nothing', async () => {
    const { broker } = current();
    expectRejected(await broker.placeMarketOrder(buy('conf-bad-sl', { stopLoss: 1.11 })));
    expect(expectOk(await broker.openTrades())).toEqual([]);
    expect(expectOk(await broker.findByClientOrderId('conf-bad-sl'))).toBeUndefined();
  });

  it('rejects an order on a closed market with a reason', async (ctx) => {
    const subject = current();
    if (!subject.faults.includes('market-closed')) return ctx.skip('this broker cannot close a market');
    await subject.inject({ kind: 'market-closed', symbol: 'EURUSD' });
    expectRejected(await subject.broker.placeMarketOrder(buy('conf-closed-market')));
    expect(expectOk(await subject.broker.openTrades())).toEqual([]);
  });

  it('reports the account: currency, balance, equity and open trades', async () => {
    const { broker } = current();
    const before = expectOk(await broker.accountSummary());
    expect(before.currency).toBe('USD');
    expect(before.balance).toBeGreaterThanOrEqual(10_000);
    expect(before.openTrades).toBe(0);
    expectOk(await broker.placeMarketOrder(buy('conf-acct-1')));
    const after = expectOk(await broker.accountSummary());
    expect(after.openTrades).toBe(1);
    expect(after.equity).toBeCloseTo(after.balance + after.unrealizedPnl, 2);
  });

  it('passes prices on: getPrice and price events follow the market', async () => {
    const subject = current();
    const events = recordEvents(subject);
    await subject.setPrice({ symbol: 'EURUSD', bid: 1.1011, ask: 1.1013 });
    await vi.waitFor(async () => {
      expect(expectOk(await subject.broker.getPrice('EURUSD'))).toMatchObject({ bid: 1.1011, ask: 1.1013 });
    }, WAIT);
    await priceReported(events, 'EURUSD', 1.1011);
  });
}
