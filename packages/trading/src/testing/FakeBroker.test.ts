import type { BrokerEvent } from '@zepix/broker-api';
import { isClosedTrade } from '@zepix/broker-api';
import { describe, expect, it } from 'vitest';
import { FakeBroker } from './FakeBroker.js';

const order = { symbol: 'XAUUSD', direction: 'buy' as const, lots: 1 };

describe('FakeBroker', () => {
  it('fills at the ask for buys and the bid for sells, and refuses a reused client order id', async () => {
    const broker = new FakeBroker();
    broker.setPrice({ symbol: 'XAUUSD', bid: 2650, ask: 2650.3 });
    expect(await broker.placeMarketOrder({ ...order, clientOrderId: 'a' })).toMatchObject({
      status: 'ok',
      value: { openPrice: 2650.3 },
    });
    expect(await broker.placeMarketOrder({ ...order, direction: 'sell', clientOrderId: 'b' })).toMatchObject({
      status: 'ok',
      value: { openPrice: 2650 },
    });
    expect(await broker.placeMarketOrder({ ...order, clientOrderId: 'a' })).toMatchObject({
      status: 'rejected',
      code: 'DUPLICATE_CLIENT_ORDER_ID',
    });
  });

  it('fires SL and TP on price crossings and emits every close', async () => {
    const broker = new FakeBroker();
    const events: BrokerEvent[] = [];
    broker.onEvent((e) => events.push(e));
    broker.setPrice({ symbol: 'XAUUSD', bid: 2650 });
    await broker.placeMarketOrder({ ...order, clientOrderId: 'sl', stopLoss: 2649 });
    await broker.placeMarketOrder({ ...order, clientOrderId: 'tp', takeProfit: 2652 });
    broker.setPrice({ symbol: 'XAUUSD', bid: 2648 });
    broker.setPrice({ symbol: 'XAUUSD', bid: 2652 });
    const closes = events.flatMap((e) =>
      e.type === 'trade_closed' ? [[e.close.clientOrderId, e.close.reason, e.close.realizedPnl]] : [],
    );
    expect(closes).toEqual([
      ['sl', 'sl', -200],
      ['tp', 'tp', 200],
    ]);
    expect(events.filter((e) => e.type === 'price')).toHaveLength(3);
    const found = await broker.findByClientOrderId('sl');
    expect(found.status === 'ok' && found.value !== undefined && isClosedTrade(found.value)).toBe(true);
    expect(await broker.accountSummary()).toMatchObject({ status: 'ok', value: { balance: 10_000 } });
  });

  it('injects faults: rejected, unknown before acting, unknown after acting', async () => {
    const broker = new FakeBroker();
    broker.setPrice({ symbol: 'XAUUSD', bid: 2650 });
    broker.injectFault('placeMarketOrder', 'rejected', { code: 'X', reason: 'no' });
    broker.injectFault('placeMarketOrder', 'unknown-before');
    broker.injectFault('placeMarketOrder', 'unknown-after');
    expect(await broker.placeMarketOrder({ ...order, clientOrderId: '1' })).toMatchObject({
      status: 'rejected',
      code: 'X',
    });
    expect(await broker.placeMarketOrder({ ...order, clientOrderId: '2' })).toMatchObject({ status: 'unknown' });
    expect(await broker.placeMarketOrder({ ...order, clientOrderId: '3' })).toMatchObject({ status: 'unknown' });
    expect(await broker.findByClientOrderId('2')).toEqual({ status: 'ok', value: undefined });
    expect(await broker.findByClientOrderId('3')).toMatchObject({ status: 'ok', value: { clientOrderId: '3' } });
    expect(await broker.placeMarketOrder({ ...order, clientOrderId: '4' })).toMatchObject({ status: 'ok' });
    expect(broker.placeRequests.map((r) => r.clientOrderId)).toEqual(['1', '2', '3', '4']);
  });

  it('closes partially and modifies protection', async () => {
    const broker = new FakeBroker();
    broker.setPrice({ symbol: 'EURUSD', bid: 1.1 });
    await broker.placeMarketOrder({ ...order, symbol: 'EURUSD', clientOrderId: 'p' });
    broker.setPrice({ symbol: 'EURUSD', bid: 1.101 });
    expect(await broker.closeTrade({ tradeId: 'T1', lots: 0.4 })).toMatchObject({
      status: 'ok',
      value: { closedLots: 0.4, remainingLots: 0.6, realizedPnl: 40 },
    });
    expect(await broker.modifyTrade({ tradeId: 'T1', stopLoss: 1.09 })).toMatchObject({
      status: 'ok',
      value: { stopLoss: 1.09, lots: 0.6 },
    });
    expect(await broker.closeTrade({ tradeId: 'T1' })).toMatchObject({ status: 'ok', value: { remainingLots: 0 } });
    expect(await broker.closeTrade({ tradeId: 'T1' })).toMatchObject({ status: 'rejected', code: 'TRADE_NOT_OPEN' });
  });
});
