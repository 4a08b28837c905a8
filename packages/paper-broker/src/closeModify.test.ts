import type { BrokerEvent } from '@zepix/broker-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaperBroker } from './PaperBroker.js';
import { T0, expectOk, openBroker, order, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
let broker: PaperBroker;
let events: BrokerEvent[];

beforeEach(async () => {
  tmp = tempDir();
  broker = openBroker(tmp.dbPath);
  events = [];
  broker.onEvent((event) => events.push(event));
  broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
  expectOk(await broker.placeMarketOrder(order({ lots: 0.3, stopLoss: 1.09, takeProfit: 1.12 })));
  events.length = 0;
});

afterEach(async () => {
  await broker.close();
  tmp.remove();
});

describe('closeTrade', () => {
  it('closes part of a trade, books its P&L and keeps the rest open', async () => {
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.101 });
    const part = expectOk(await broker.closeTrade({ tradeId: 'P1', lots: 0.1 }));
    // Bought at 1.10005, sold at the bid 1.10095: +9 pips × $10 × 0.1 lot.
    expect(part).toEqual({
      tradeId: 'P1',
      clientOrderId: 'c1',
      symbol: 'EURUSD',
      direction: 'buy',
      closedLots: 0.1,
      remainingLots: 0.2,
      openPrice: 1.10005,
      closePrice: 1.10095,
      realizedPnl: 9,
      reason: 'manual',
      closedAt: T0.toISOString(),
    });
    expect(events.filter((e) => e.type === 'trade_closed')).toEqual([{ type: 'trade_closed', close: part }]);
    const [trade] = expectOk(await broker.openTrades());
    expect(trade).toMatchObject({ lots: 0.2, unrealizedPnl: 18 });
    expect(expectOk(await broker.accountSummary())).toMatchObject({ balance: 10_009, equity: 10_027 });
  });

  it('closes the rest when lots are omitted and reports the whole trade as closed', async () => {
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.101 });
    expectOk(await broker.closeTrade({ tradeId: 'P1', lots: 0.1 }));
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.102 });
    const rest = expectOk(await broker.closeTrade({ tradeId: 'P1' }));
    expect(rest).toMatchObject({ closedLots: 0.2, remainingLots: 0, closePrice: 1.10195, realizedPnl: 38 });
    expect(expectOk(await broker.findByClientOrderId('c1'))).toEqual({
      tradeId: 'P1',
      clientOrderId: 'c1',
      symbol: 'EURUSD',
      direction: 'buy',
      lots: 0.3,
      openPrice: 1.10005,
      stopLoss: 1.09,
      takeProfit: 1.12,
      openedAt: T0.toISOString(),
      closed: true,
      closePrice: 1.1016166667, // lot-weighted: (0.1 × 1.10095 + 0.2 × 1.10195) / 0.3
      closedAt: T0.toISOString(),
      realizedPnl: 47,
    });
    expect(expectOk(await broker.accountSummary())).toMatchObject({ balance: 10_047, openTrades: 0 });
  });

  it('closes three equal parts down to exactly zero', async () => {
    for (let i = 0; i < 3; i += 1) expectOk(await broker.closeTrade({ tradeId: 'P1', lots: 0.1 }));
    expect(expectOk(await broker.openTrades())).toEqual([]);
    expect(await broker.closeTrade({ tradeId: 'P1' })).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_TRADE_CLOSED' },
    });
  });

  it('rejects closing more than is open, bad lots and unknown trades', async () => {
    expect(await broker.closeTrade({ tradeId: 'P1', lots: 0.31 })).toMatchObject({
      ok: false,
      error: {
        code: 'ZEPIX_BROKER_REJECTED',
        brokerCode: 'ZEPIX_PAPER_CLOSE_TOO_LARGE',
        message: expect.stringContaining('only 0.3 are open'),
      },
    });
    expect(await broker.closeTrade({ tradeId: 'P1', lots: -1 })).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_INVALID_REQUEST' },
    });
    expect(await broker.closeTrade({ tradeId: 'P9' })).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_TRADE_UNKNOWN' },
    });
    expect(await broker.closeTrade({ tradeId: 'x' })).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_TRADE_UNKNOWN' },
    });
    expect(expectOk(await broker.openTrades())[0]?.lots).toBe(0.3);
    expect(events).toEqual([]);
  });
});

describe('modifyTrade', () => {
  it('moves SL and TP, keeping a level that is left out', async () => {
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.105 });
    // Break-even and beyond is allowed: the SL only has to sit below the current bid.
    const moved = expectOk(await broker.modifyTrade({ tradeId: 'P1', stopLoss: 1.1004 }));
    expect(moved).toMatchObject({ stopLoss: 1.1004, takeProfit: 1.12 });
    const both = expectOk(await broker.modifyTrade({ tradeId: 'P1', takeProfit: 1.13 }));
    expect(both).toMatchObject({ stopLoss: 1.1004, takeProfit: 1.13 });
    const [close] = broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    expect(close).toMatchObject({ reason: 'sl', closePrice: 1.1004, realizedPnl: 10.5 });
  });

  it('rejects levels on the wrong side of the current price and leaves the trade as it was', async () => {
    expect(await broker.modifyTrade({ tradeId: 'P1', stopLoss: 1.1 })).toMatchObject({
      ok: false,
      error: {
        code: 'ZEPIX_BROKER_REJECTED',
        brokerCode: 'ZEPIX_PAPER_INVALID_STOPS',
        message: expect.stringContaining('below the current bid 1.09995'),
      },
    });
    expect(await broker.modifyTrade({ tradeId: 'P1', takeProfit: 1.09 })).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_INVALID_STOPS' },
    });
    expect(await broker.modifyTrade({ tradeId: 'P7', stopLoss: 1 })).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_TRADE_UNKNOWN' },
    });
    expect(expectOk(await broker.openTrades())[0]).toMatchObject({ stopLoss: 1.09, takeProfit: 1.12 });
  });

  it('validates a sell against the current ask', async () => {
    expectOk(await broker.placeMarketOrder(order({ clientOrderId: 's', direction: 'sell' })));
    expect(await broker.modifyTrade({ tradeId: 'P2', stopLoss: 1.1 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('above the current ask 1.10005') },
    });
    expect(expectOk(await broker.modifyTrade({ tradeId: 'P2', stopLoss: 1.1006, takeProfit: 1.09 }))).toMatchObject({
      stopLoss: 1.1006,
      takeProfit: 1.09,
    });
  });
});
