import { brokerUnknown } from '@zepix/broker-api';
import { describe, expect, it } from 'vitest';
import { SummaryCache } from './SummaryCache.js';
import type { SummaryAnswer } from './SummaryCache.js';

const summary = (balance: number, throughTransaction = 10, openTrades = 0): SummaryAnswer => ({
  throughTransaction,
  result: { ok: true, value: { currency: 'USD', balance, equity: balance, unrealizedPnl: 0, openTrades } },
});

describe('SummaryCache', () => {
  it('asks once per interval, and again after being invalidated', async () => {
    let now = 0;
    let asked = 0;
    const cache = new SummaryCache(
      1_000,
      () => Promise.resolve(summary(100 + asked++)),
      () => now,
    );
    await Promise.all([cache.get(), cache.get()]);
    expect(await cache.get()).toMatchObject({ value: { balance: 100 } });
    expect(asked).toBe(1);
    cache.invalidate();
    expect(await cache.get()).toMatchObject({ value: { balance: 101 } });
    now = 1_000;
    expect(await cache.get()).toMatchObject({ value: { balance: 102 } });
  });

  it('takes the balance and trade count of fills newer than the summary, without asking again', async () => {
    let asked = 0;
    const cache = new SummaryCache(1_000, () => {
      asked += 1;
      return Promise.resolve(summary(1_000, 10, 2));
    });
    await cache.get();
    cache.filled({ transactionId: 12, balance: 990.5, openTradesChange: -1 });
    cache.filled({ transactionId: 13, balance: 990.25, openTradesChange: 1 });
    expect(await cache.get()).toMatchObject({ value: { balance: 990.25, openTrades: 2 } });
    expect(asked).toBe(1);
  });

  it('ignores a fill the summary already reflects, or one seen twice (the answer and the stream)', async () => {
    const cache = new SummaryCache(1_000, () => Promise.resolve(summary(1_000, 10, 1)));
    // Applied while the request is still on its way: it waits for the answer and is then compared with it.
    const first = cache.get();
    cache.filled({ transactionId: 9, balance: 500, openTradesChange: 1 });
    cache.filled({ transactionId: 11, balance: 1_010, openTradesChange: -1 });
    cache.filled({ transactionId: 11, balance: 1_010, openTradesChange: -1 });
    expect(await first).toMatchObject({ value: { balance: 1_000, openTrades: 1 } });
    expect(await cache.get()).toMatchObject({ value: { balance: 1_010, openTrades: 0 } });
  });

  it('takes the latest fill’s balance when fills come out of order, and counts the trades of each', async () => {
    const cache = new SummaryCache(1_000, () => Promise.resolve(summary(1_000, 10, 3)));
    await cache.get();
    cache.filled({ transactionId: 14, balance: 1_030, openTradesChange: -1 });
    cache.filled({ transactionId: 12, balance: 1_010, openTradesChange: -1 });
    cache.filled({ transactionId: 12, balance: 1_010, openTradesChange: -1 });
    expect(await cache.get()).toMatchObject({ value: { balance: 1_030, openTrades: 1 } });
  });

  it('drops the summary at the next fill when OANDA did not say which transaction it reflects', async () => {
    let asked = 0;
    const cache = new SummaryCache(1_000, () => Promise.resolve(summary(1_000 + asked++, Number.NaN)));
    await cache.get();
    cache.filled({ transactionId: 12, balance: 5, openTradesChange: 1 });
    expect(await cache.get()).toMatchObject({ value: { balance: 1_000 } });
    expect(await cache.get()).toMatchObject({ value: { balance: 1_001 } });
  });

  it('drops the summary when a fill carries no balance, and keeps nothing when nothing was asked', async () => {
    let asked = 0;
    const cache = new SummaryCache(1_000, () => Promise.resolve(summary(1_000 + asked++)));
    cache.filled({ transactionId: 12, balance: 5, openTradesChange: 1 });
    expect(await cache.get()).toMatchObject({ value: { balance: 1_000, openTrades: 0 } });
    cache.filled({ transactionId: 13, balance: Number.NaN, openTradesChange: 0 });
    expect(await cache.get()).toMatchObject({ value: { balance: 1_001 } });
  });

  it('keeps no failed answer, and a fill leaves a failed answer as it is', async () => {
    let asked = 0;
    const cache = new SummaryCache(1_000, () => {
      asked += 1;
      return Promise.resolve(asked === 1 ? { result: brokerUnknown('lost'), throughTransaction: 0 } : summary(5));
    });
    const failed = cache.get();
    cache.filled({ transactionId: 12, balance: 7, openTradesChange: 1 });
    expect(await failed).toMatchObject({ ok: false, error: { code: 'ZEPIX_BROKER_UNKNOWN' } });
    await Promise.resolve();
    expect(await cache.get()).toMatchObject({ ok: true, value: { balance: 5 } });
  });
});
