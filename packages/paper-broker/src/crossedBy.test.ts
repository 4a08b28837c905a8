import type { PriceTick } from '@zepix/broker-api';
import { afterEach, describe, expect, it } from 'vitest';
import { migratePaperDb, openPaperDb } from './paperSchema.js';
import type { Connection } from './paperSchema.js';
import { PaperStore } from './paperStore.js';
import { crossedLevel } from './priceRules.js';
import { seededRandom } from '@zepix/broker-api/testing';

let db: Connection;
afterEach(() => db.close());

/** Trades on gold with levels on a coarse grid around 2650, so many sit exactly on the tick's bid or ask. */
function store(seed: number): PaperStore {
  db = openPaperDb(':memory:');
  migratePaperDb(db, 10_000);
  const paper = new PaperStore(db);
  const next = seededRandom(seed);
  const level = () => (next() < 0.2 ? null : 2650 + Math.round((next() - 0.5) * 20) * 0.25);
  for (let i = 0; i < 400; i++) {
    const trade = paper.insertTrade({
      clientOrderId: `c${i}`,
      symbol: i % 4 === 0 ? 'EURUSD' : 'XAUUSD',
      direction: next() < 0.5 ? 'buy' : 'sell',
      lots: 0.1,
      openPrice: 2650,
      stopLoss: level(),
      takeProfit: level(),
      openedAt: '2026-01-05T10:00:00.000Z',
    });
    if (i % 9 === 4) paper.recordClose({ ...closeAll(trade.id), closedAt: '2026-01-05T10:00:00.000Z' });
  }
  return paper;
}

function closeAll(tradeRowId: number) {
  return { tradeRowId, lots: 0.1, remainingLots: 0, closePrice: 2650, realizedPnl: 0, reason: 'manual' as const };
}

describe('trades a tick crosses', () => {
  it.each([1, 2, 3, 4])('are exactly those crossedLevel picks among the open trades (seed %d)', (seed) => {
    const paper = store(seed);
    for (const [bid, ask] of [
      [2650, 2650],
      [2649.75, 2650.25],
      [2647.5, 2647.5],
      [2652.25, 2653],
      [2600, 2600.5],
    ] as const) {
      const tick: PriceTick = { symbol: 'XAUUSD', bid, ask, time: '2026-01-05T10:00:00.000Z' };
      const before = paper.openTrades().filter((row) => row.symbol === 'XAUUSD');
      const expected = before.filter(
        (row) =>
          crossedLevel({ direction: row.direction, stopLoss: row.stop_loss, takeProfit: row.take_profit }, tick) !==
          undefined,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(paper.crossedBy(tick)).toEqual(expected);
    }
  });
});
