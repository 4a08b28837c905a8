import { describe, expect, it } from 'vitest';
import {
  closedTradeFromDeals,
  closeReasonOf,
  dealPnl,
  entryPrice,
  isExit,
  toBrokerTrade,
  toTradeClose,
} from './mapping.js';
import type { MetatraderDeal, MetatraderPosition } from './wire.js';

const position = (overrides: Partial<MetatraderPosition> = {}): MetatraderPosition => ({
  id: '101',
  type: 'POSITION_TYPE_BUY',
  symbol: 'XAUUSD',
  magic: 0,
  time: '2026-03-02T10:00:00.000Z',
  brokerTime: '2026-03-02 12:00:00.000',
  updateTime: '2026-03-02T10:00:01.000Z',
  openPrice: 2650.1,
  currentPrice: 2650.5,
  currentTickValue: 1,
  volume: 0.3,
  profit: 12,
  realizedProfit: 0,
  unrealizedProfit: 12,
  swap: 0,
  commission: 0,
  ...overrides,
});

const deal = (overrides: Partial<MetatraderDeal> = {}): MetatraderDeal => ({
  id: 'd1',
  type: 'DEAL_TYPE_SELL',
  entryType: 'DEAL_ENTRY_OUT',
  symbol: 'XAUUSD',
  time: '2026-03-02T11:00:00.000Z',
  brokerTime: '2026-03-02 13:00:00.000',
  volume: 0.3,
  price: 2651,
  profit: 27,
  positionId: '101',
  platform: 'mt5',
  ...overrides,
});

describe('positions as trades', () => {
  it('maps a buy with its levels', () => {
    expect(toBrokerTrade(position({ stopLoss: 2640, takeProfit: 2660 }), 'z-1')).toEqual({
      tradeId: '101',
      clientOrderId: 'z-1',
      symbol: 'XAUUSD',
      direction: 'buy',
      lots: 0.3,
      openPrice: 2650.1,
      stopLoss: 2640,
      takeProfit: 2660,
      openedAt: '2026-03-02T10:00:00.000Z',
      unrealizedPnl: 12,
    });
  });

  it('maps a sell, and a level of 0 or none as no level', () => {
    for (const levels of [{ stopLoss: 0, takeProfit: 0 }, {}]) {
      const trade = toBrokerTrade(position({ type: 'POSITION_TYPE_SELL', ...levels }), 'z-2');
      expect(trade.direction).toBe('sell');
      expect('stopLoss' in trade || 'takeProfit' in trade).toBe(false);
    }
  });
});

describe('deals', () => {
  it('names SL and TP exits and treats every other reason as manual', () => {
    expect(closeReasonOf(deal({ reason: 'DEAL_REASON_SL' }))).toBe('sl');
    expect(closeReasonOf(deal({ reason: 'DEAL_REASON_TP' }))).toBe('tp');
    for (const reason of ['DEAL_REASON_SO', 'DEAL_REASON_CLIENT', undefined])
      expect(closeReasonOf(deal(reason === undefined ? {} : { reason }))).toBe('manual');
  });

  it('books profit plus swap and commission, to the cent', () => {
    expect(dealPnl(deal({ profit: 10.004, swap: -1.5, commission: -0.7 }))).toBe(7.8);
    expect(dealPnl(deal({ profit: -3.333 }))).toBe(-3.33);
    expect(dealPnl(deal({ profit: 0.005 }))).toBe(0.01);
  });

  it('counts OUT and OUT_BY deals as exits, not IN or INOUT', () => {
    expect(isExit(deal({ entryType: 'DEAL_ENTRY_OUT' }))).toBe(true);
    expect(isExit(deal({ entryType: 'DEAL_ENTRY_OUT_BY' }))).toBe(true);
    expect(isExit(deal({ entryType: 'DEAL_ENTRY_IN' }))).toBe(false);
    expect(isExit(deal({ entryType: 'DEAL_ENTRY_INOUT' }))).toBe(false);
  });

  it('turns an exit deal into a close', () => {
    const order = { clientOrderId: 'z-1', symbol: 'XAUUSD', direction: 'buy' as const, openPrice: 2650 };
    expect(toTradeClose(deal({ reason: 'DEAL_REASON_TP', swap: -1 }), order, 0.2)).toEqual({
      tradeId: '101',
      clientOrderId: 'z-1',
      symbol: 'XAUUSD',
      direction: 'buy',
      closedLots: 0.3,
      remainingLots: 0.2,
      openPrice: 2650,
      closePrice: 2651,
      realizedPnl: 26,
      reason: 'tp',
      closedAt: '2026-03-02T11:00:00.000Z',
    });
    const bare = { id: 'd2', type: 'DEAL_TYPE_SELL', time: 't', brokerTime: 'b', profit: 1, platform: 'mt5' } as const;
    expect(toTradeClose(bare, order, 0)).toMatchObject({ tradeId: '', closedLots: 0, closePrice: 0 });
  });
});

describe('a closed position from its deals', () => {
  const entry = deal({ id: 'd0', type: 'DEAL_TYPE_BUY', entryType: 'DEAL_ENTRY_IN', price: 2650, profit: 0 });

  it('takes the open from the entry deal and the close from the last exit, summing every exit', () => {
    const first = deal({ id: 'd1', volume: 0.1, price: 2651, profit: 10.004 });
    const last = deal({ id: 'd2', volume: 0.2, price: 2652, profit: 40, swap: -0.5, time: '2026-03-02T12:00:00.000Z' });
    expect(closedTradeFromDeals([entry, first, last], 'z-1')).toEqual({
      tradeId: '101',
      clientOrderId: 'z-1',
      symbol: 'XAUUSD',
      direction: 'buy',
      lots: 0.3,
      openPrice: 2650,
      openedAt: '2026-03-02T11:00:00.000Z',
      closed: true,
      closePrice: 2652,
      closedAt: '2026-03-02T12:00:00.000Z',
      realizedPnl: 49.5,
    });
  });

  it('maps a sell entry as a sell and fills missing fields with empties', () => {
    const sell = {
      id: 'd0',
      type: 'DEAL_TYPE_SELL',
      entryType: 'DEAL_ENTRY_IN',
      time: 't0',
      brokerTime: 'b',
      profit: 0,
      platform: 'mt5',
    } as const;
    const exit = {
      id: 'd1',
      type: 'DEAL_TYPE_BUY',
      entryType: 'DEAL_ENTRY_OUT',
      time: 't1',
      brokerTime: 'b',
      profit: -2,
      platform: 'mt5',
    } as const;
    expect(closedTradeFromDeals([sell, exit], 'z-2')).toMatchObject({
      tradeId: '',
      symbol: '',
      direction: 'sell',
      lots: 0,
      openPrice: 0,
      closePrice: 0,
      realizedPnl: -2,
    });
  });

  it('is undefined without an entry or without an exit', () => {
    expect(closedTradeFromDeals([deal()], 'z')).toBeUndefined();
    expect(closedTradeFromDeals([entry], 'z')).toBeUndefined();
  });

  it('finds the entry price among the deals', () => {
    expect(entryPrice([deal(), entry])).toBe(2650);
    expect(entryPrice([deal()])).toBeUndefined();
  });
});
