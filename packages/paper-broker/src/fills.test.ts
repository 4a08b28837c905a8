import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBrokerRejection } from '@zepix/broker-api';
import type { PaperBroker } from './PaperBroker.js';
import { T0, expectOk, openBroker, order, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
let broker: PaperBroker;

beforeEach(() => {
  tmp = tempDir();
  broker = openBroker(tmp.dbPath);
});

afterEach(async () => {
  await broker.close();
  tmp.remove();
});

describe('fills', () => {
  it('buys at the ask and sells at the bid of the latest price, spread included', async () => {
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.2 });
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    const buy = expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'b' })));
    const sell = expectOk(await broker.placeMarketOrder(order({ clientOrderId: 's', direction: 'sell' })));
    expect(buy).toEqual({
      tradeId: 'P1',
      clientOrderId: 'b',
      symbol: 'EURUSD',
      direction: 'buy',
      lots: 0.1,
      openPrice: 1.10005,
      openedAt: T0.toISOString(),
      unrealizedPnl: -1,
    });
    expect(sell).toMatchObject({ tradeId: 'P2', openPrice: 1.09995, unrealizedPnl: -1 });
  });

  it('fills gold with its 20-pip spread and keeps SL and TP on the trade', async () => {
    broker.updatePrice({ symbol: 'XAUUSD', mid: 2650 });
    const trade = expectOk(
      await broker.placeMarketOrder(
        order({ symbol: 'XAUUSD', lots: 0.01, stopLoss: 2640, takeProfit: 2660, clientOrderId: 'g' }),
      ),
    );
    expect(trade).toMatchObject({ openPrice: 2650.1, stopLoss: 2640, takeProfit: 2660, unrealizedPnl: -0.2 });
  });

  it('normalises lots to the symbol step', async () => {
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    expect(expectOk(await broker.placeMarketOrder(order({ lots: 0.057 }))).lots).toBe(0.05);
  });

  it('rejects an order with no price known, saying how to provide one', async () => {
    const result = await broker.placeMarketOrder(order());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_PAPER_NO_PRICE' },
    });
    expect(isBrokerRejection(result) && result.error.message).toMatch(/alert that carries a price.*POST a price/);
    expect(await broker.getPrice('EURUSD')).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_PAPER_NO_PRICE' },
    });
  });

  it('rejects an unknown symbol and unusable requests', async () => {
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    expect(await broker.placeMarketOrder(order({ symbol: 'DOGEUSD' }))).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_SYMBOL_UNKNOWN' },
    });
    expect(await broker.getPrice('DOGEUSD')).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_SYMBOL_UNKNOWN' },
    });
    expect(await broker.placeMarketOrder(order({ lots: 0 }))).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_INVALID_REQUEST' },
    });
    expect(await broker.placeMarketOrder(order({ clientOrderId: '' }))).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_INVALID_REQUEST' },
    });
    expect(expectOk(await broker.openTrades())).toEqual([]);
  });

  it('rejects SL/TP on the wrong side of the fill price', async () => {
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    const bad = [
      order({ stopLoss: 1.1001 }),
      order({ takeProfit: 1.1 }),
      order({ direction: 'sell', stopLoss: 1.0999 }),
      order({ direction: 'sell', takeProfit: 1.1 }),
    ];
    for (const request of bad) {
      expect(await broker.placeMarketOrder(request)).toMatchObject({
        ok: false,
        error: {
          code: 'ZEPIX_BROKER_REJECTED',
          brokerCode: 'ZEPIX_PAPER_INVALID_STOPS',
          message: expect.stringMatching(/must be (below|above) the fill price/),
        },
      });
    }
    expect(expectOk(await broker.openTrades())).toHaveLength(0);
    expectOk(await broker.placeMarketOrder(order({ stopLoss: 1.0999, takeProfit: 1.1002 })));
  });

  it('rejects a second order with the same client order id, naming the trade, and never fills twice', async () => {
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'dup' })));
    const again = await broker.placeMarketOrder(order({ clientOrderId: 'dup', direction: 'sell' }));
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_DUPLICATE_CLIENT_ORDER_ID' },
    });
    expect(isBrokerRejection(again) && again.error.message).toContain('P1');
    expect(expectOk(await broker.openTrades())).toHaveLength(1);

    expectOk(await broker.closeTrade({ tradeId: 'P1' }));
    expect(await broker.placeMarketOrder(order({ clientOrderId: 'dup' }))).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_DUPLICATE_CLIENT_ORDER_ID' },
    });
  });
});

describe('account', () => {
  it('starts at 10,000 USD and values open trades at the latest bid (buys) and ask (sells)', async () => {
    expect(expectOk(await broker.accountSummary())).toEqual({
      currency: 'USD',
      balance: 10_000,
      equity: 10_000,
      unrealizedPnl: 0,
      openTrades: 0,
    });
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    broker.updatePrice({ symbol: 'XAUUSD', mid: 2650 });
    expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'a', lots: 1 })));
    expectOk(
      await broker.placeMarketOrder(order({ clientOrderId: 'b', symbol: 'XAUUSD', direction: 'sell', lots: 0.1 })),
    );
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.102 });
    broker.updatePrice({ symbol: 'XAUUSD', mid: 2655 });
    // EURUSD buy: 1.10005 → bid 1.10195 = +19 pips × $10 = +190. Gold sell: 2649.90 → ask 2655.10 = −520 pips × $0.1 = −52.
    const trades = expectOk(await broker.openTrades());
    expect(trades.map((t) => t.unrealizedPnl)).toEqual([190, -52]);
    expect(expectOk(await broker.accountSummary())).toEqual({
      currency: 'USD',
      balance: 10_000,
      equity: 10_138,
      unrealizedPnl: 138,
      openTrades: 2,
    });
  });

  it('honours a custom starting balance and spread', async () => {
    const other = openBroker(`${tmp.dir}/other.db`, { startingBalance: 500, spreadPips: { EURUSD: 0 } });
    other.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    expect(expectOk(await other.getPrice('EURUSD'))).toMatchObject({ bid: 1.1, ask: 1.1 });
    expect(expectOk(await other.accountSummary()).balance).toBe(500);
    await other.close();
  });
});
