import { describe, expect, it } from 'vitest';
import { isClosedTrade } from './index.js';

describe('isClosedTrade', () => {
  const open = {
    tradeId: 't1',
    clientOrderId: 'c1',
    symbol: 'XAUUSD',
    direction: 'buy' as const,
    lots: 0.01,
    openPrice: 2650,
    openedAt: '2026-11-24T00:00:00Z',
  };
  it('tells closed trades from open ones', () => {
    expect(isClosedTrade({ ...open, unrealizedPnl: 0 })).toBe(false);
    expect(
      isClosedTrade({ ...open, closed: true, closePrice: 2651, closedAt: '2026-11-24T00:01:00Z', realizedPnl: 1 }),
    ).toBe(true);
  });
});
