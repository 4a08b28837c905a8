import { expect, it } from 'vitest';
import { START, buy, closeReported, expectEurUsdPnl, expectOk, expectRejected, recordEvents } from './kitSupport.js';
import type { TradeClose } from '../index.js';
import type { SubjectRef } from './describeBrokerConformance.js';
import type { ConformanceSubject } from './subject.js';

/** What happens to an open trade: closes by request, changed protection, and fills made by the broker itself. */
export function lifecycleCases(current: SubjectRef): void {
  it('closes a trade in full at the market with its realised P/L', async () => {
    const subject = current();
    const trade = expectOk(await subject.broker.placeMarketOrder(buy('conf-close-1')));
    await subject.setPrice({ symbol: 'EURUSD', bid: 1.102, ask: 1.1022 });
    const before = expectOk(await subject.broker.accountSummary());
    const close = expectOk(await subject.broker.closeTrade({ tradeId: trade.tradeId }));
    expect(close).toMatchObject({ tradeId: trade.tradeId, clientOrderId: 'conf-close-1', reason: 'manual' });
    expect(close.closedLots).toBeCloseTo(0.1, 6);
    expect(close.remainingLots).toBe(0);
    expect(close.closePrice).toBeCloseTo(1.102, 5);
    expectEurUsdPnl(close);
    expect(close.realizedPnl).toBeCloseTo(18, 2);
    expect(expectOk(await subject.broker.openTrades())).toEqual([]);
    const after = expectOk(await subject.broker.accountSummary());
    expect(after.balance).toBeCloseTo(before.balance + close.realizedPnl, 2);
  });

  it('closes part of a trade and keeps the rest open', async () => {
    const subject = current();
    const trade = expectOk(await subject.broker.placeMarketOrder(buy('conf-partial-1')));
    const part = expectOk(await subject.broker.closeTrade({ tradeId: trade.tradeId, lots: 0.04 }));
    expect(part.closedLots).toBeCloseTo(0.04, 6);
    expect(part.remainingLots).toBeCloseTo(0.06, 6);
    expectEurUsdPnl(part);
    const [rest] = expectOk(await subject.broker.openTrades());
    expect(rest?.tradeId).toBe(trade.tradeId);
    expect(rest?.lots).toBeCloseTo(0.06, 6);
    const last = expectOk(await subject.broker.closeTrade({ tradeId: trade.tradeId }));
    expect(last.closedLots).toBeCloseTo(0.06, 6);
    expect(last.remainingLots).toBe(0);
  });

  it('refuses to close a trade it does not hold', async () => {
    const { broker } = current();
    expectRejected(await broker.closeTrade({ tradeId: '999999' }));
  });

  it('moves the stop loss and the take profit', async () => {
    const { broker } = current();
    const trade = expectOk(await broker.placeMarketOrder(buy('conf-modify-1')));
    const moved = expectOk(await broker.modifyTrade({ tradeId: trade.tradeId, stopLoss: 1.0982, takeProfit: 1.1082 }));
    expect(moved.stopLoss).toBeCloseTo(1.0982, 5);
    expect(moved.takeProfit).toBeCloseTo(1.1082, 5);
    const [open] = expectOk(await broker.openTrades());
    expect(open?.stopLoss).toBeCloseTo(1.0982, 5);
    expect(open?.takeProfit).toBeCloseTo(1.1082, 5);
    expectRejected(await broker.modifyTrade({ tradeId: trade.tradeId, stopLoss: 1.105 }));
  });

  it('reports a stop-loss fill made by the broker, with its realised P/L', async () => {
    const close = await fillByBroker(current(), 'conf-sl-1', 'sl', 1.0952);
    expect(close).toMatchObject({ clientOrderId: 'conf-sl-1', remainingLots: 0 });
    expect(close.closePrice).toBeLessThanOrEqual(1.0952 + 1e-9);
    expect(close.realizedPnl).toBeLessThan(0);
    expect(expectOk(await current().broker.openTrades())).toEqual([]);
  });

  it('reports a take-profit fill made by the broker, with its realised P/L', async () => {
    const close = await fillByBroker(current(), 'conf-tp-1', 'tp', 1.1052);
    expect(close.closePrice).toBeGreaterThanOrEqual(1.1052 - 1e-9);
    expect(close.realizedPnl).toBeCloseTo((1.1052 - START.ask) * 10_000, 2);
  });
}

/** Opens a buy, moves the bid to `bid` and returns the close the broker reports for it. */
async function fillByBroker(
  subject: ConformanceSubject,
  clientOrderId: string,
  reason: 'sl' | 'tp',
  bid: number,
): Promise<TradeClose> {
  const events = recordEvents(subject);
  const trade = expectOk(await subject.broker.placeMarketOrder(buy(clientOrderId)));
  await subject.setPrice({ symbol: 'EURUSD', bid, ask: bid + 0.0002 });
  const close = await closeReported(events, trade.tradeId, reason);
  expectEurUsdPnl(close);
  return close;
}
