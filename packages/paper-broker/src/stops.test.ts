import type { BrokerEvent, TradeClose } from '@zepix/broker-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaperBroker } from './PaperBroker.js';
import { expectOk, openBroker, order, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
let broker: PaperBroker;
let events: BrokerEvent[];

beforeEach(() => {
  tmp = tempDir();
  broker = openBroker(tmp.dbPath);
  events = [];
  broker.onEvent((event) => events.push(event));
});

afterEach(async () => {
  await broker.close();
  tmp.remove();
});

const closesIn = (list: BrokerEvent[]): TradeClose[] =>
  list.flatMap((event) => (event.type === 'trade_closed' ? [event.close] : []));

async function goldTrade(direction: 'buy' | 'sell', stopLoss: number, takeProfit: number): Promise<string> {
  broker.updatePrice({ symbol: 'XAUUSD', mid: 2650 });
  const request = order({
    clientOrderId: `g-${direction}`,
    symbol: 'XAUUSD',
    direction,
    lots: 0.01,
    stopLoss,
    takeProfit,
  });
  return expectOk(await broker.placeMarketOrder(request)).tradeId;
}

describe('take profit and stop loss', () => {
  it('closes a buy at its TP when the bid reaches it: XAUUSD 0.01 lot, +7.00 = $7', async () => {
    const tradeId = await goldTrade('buy', 2640, 2657.1);
    expect(broker.updatePrice({ symbol: 'XAUUSD', bid: 2657.0, ask: 2657.2 })).toEqual([]);
    const [close] = broker.updatePrice({ symbol: 'XAUUSD', bid: 2657.1, ask: 2657.3, time: '2026-01-05T11:00:00Z' });
    expect(close).toEqual({
      tradeId,
      clientOrderId: 'g-buy',
      symbol: 'XAUUSD',
      direction: 'buy',
      closedLots: 0.01,
      remainingLots: 0,
      openPrice: 2650.1,
      closePrice: 2657.1,
      realizedPnl: 7,
      reason: 'tp',
      closedAt: '2026-01-05T11:00:00Z',
    });
    expect(closesIn(events)).toEqual([close]);
    expect(expectOk(await broker.accountSummary())).toMatchObject({ balance: 10_007, equity: 10_007, openTrades: 0 });
  });

  it('fills a gapped buy SL at the SL level, not at the gapped price', async () => {
    await goldTrade('buy', 2640, 2660);
    const [close] = broker.updatePrice({ symbol: 'XAUUSD', mid: 2630 });
    // 2650.10 → 2640.00 = −1010 pips × $1/lot × 0.01 lot.
    expect(close).toMatchObject({ reason: 'sl', closePrice: 2640, realizedPnl: -10.1 });
    expect(expectOk(await broker.accountSummary()).balance).toBe(9989.9);
  });

  it('closes a sell at its SL when the ask reaches it and at its TP when the ask falls to it', async () => {
    const tradeId = await goldTrade('sell', 2655, 2640);
    expect(broker.updatePrice({ symbol: 'XAUUSD', bid: 2654.9, ask: 2654.99 })).toEqual([]);
    const [sl] = broker.updatePrice({ symbol: 'XAUUSD', bid: 2654.8, ask: 2655 });
    // Sold at the bid 2649.90, bought back at 2655.00: −510 pips × 0.01.
    expect(sl).toMatchObject({ tradeId, reason: 'sl', closePrice: 2655, realizedPnl: -5.1 });

    broker.updatePrice({ symbol: 'XAUUSD', mid: 2650 });
    const request = order({
      clientOrderId: 'g-sell-2',
      symbol: 'XAUUSD',
      direction: 'sell',
      lots: 0.02,
      takeProfit: 2640,
    });
    expectOk(await broker.placeMarketOrder(request));
    expect(broker.updatePrice({ symbol: 'XAUUSD', bid: 2639.5, ask: 2640.01 })).toEqual([]);
    const [tp] = broker.updatePrice({ symbol: 'XAUUSD', bid: 2639.5, ask: 2639.7 });
    // 2649.90 → 2640.00 = +990 pips × 0.02.
    expect(tp).toMatchObject({ reason: 'tp', closePrice: 2640, realizedPnl: 19.8 });
    expect(closesIn(events).map((c) => c.reason)).toEqual(['sl', 'tp']);
    expect(expectOk(await broker.accountSummary()).balance).toBe(10_014.7);
  });

  it('only touches trades of the symbol that moved and closes every trade a tick crosses', async () => {
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'e1', stopLoss: 1.099 })));
    expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'e2', stopLoss: 1.0995 })));
    await goldTrade('buy', 2000, 3000);
    expect(broker.updatePrice({ symbol: 'XAUUSD', mid: 1 })).toHaveLength(1);
    const closes = broker.updatePrice({ symbol: 'EURUSD', mid: 1.098 });
    expect(closes.map((c) => [c.clientOrderId, c.closePrice])).toEqual([
      ['e1', 1.099],
      ['e2', 1.0995],
    ]);
    expect(expectOk(await broker.openTrades())).toEqual([]);
  });
});

describe('price events', () => {
  it('emits each price before the closes it caused, and unsubscribes', async () => {
    await goldTrade('buy', 2640, 2660);
    events.length = 0;
    broker.updatePrice({ symbol: 'XAUUSD', mid: 2661 });
    expect(events.map((e) => e.type)).toEqual(['price', 'trade_closed']);
    expect(events[0]).toEqual({
      type: 'price',
      tick: { symbol: 'XAUUSD', bid: 2660.9, ask: 2661.1, time: '2026-01-05T10:00:00.000Z' },
    });
    const seen: BrokerEvent[] = [];
    const stop = broker.onEvent((e) => seen.push(e));
    stop();
    broker.updatePrice({ symbol: 'XAUUSD', mid: 2662 });
    expect(seen).toEqual([]);
  });

  it('keeps working when a listener throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const reporting = openBroker(`${tmp.dir}/reporting.db`, { onListenerError: (error) => errors.push(error) });
    const after: BrokerEvent[] = [];
    reporting.onEvent(() => {
      throw new Error('listener bug');
    });
    reporting.onEvent((e) => after.push(e));
    reporting.updatePrice({ symbol: 'XAUUSD', mid: 2650 });
    expectOk(await reporting.placeMarketOrder(order({ symbol: 'XAUUSD', lots: 0.01, takeProfit: 2651 })));
    const closes = reporting.updatePrice({ symbol: 'XAUUSD', mid: 2652 });
    expect(closes).toHaveLength(1);
    expect(after.map((e) => e.type)).toEqual(['price', 'price', 'trade_closed']);
    expect(errors).toHaveLength(3);
    expect(expectOk(await reporting.accountSummary()).balance).toBe(10_000.9);
    await reporting.close();
  });

  it('survives a throwing listener without an error reporter', () => {
    broker.onEvent(() => {
      throw new Error('listener bug');
    });
    expect(() => broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 })).not.toThrow();
    expect(events).toHaveLength(1);
  });
});
