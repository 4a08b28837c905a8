import { brokerUnknown } from '@zepix/broker-api';
import type { AccountSummary, BrokerResult } from '@zepix/broker-api';
import { describe, expect, it } from 'vitest';
import { SummaryCache } from './SummaryCache.js';

const summary = (balance: number): BrokerResult<AccountSummary> => ({
  ok: true,
  value: { currency: 'USD', balance, equity: balance, unrealizedPnl: 0, openTrades: 0 },
});

describe('SummaryCache', () => {
  it('asks once per interval, counts an opened trade, and asks again after a close', async () => {
    let now = 0;
    let asked = 0;
    const cache = new SummaryCache(
      1_000,
      () => Promise.resolve(summary(100 + asked++)),
      () => now,
    );
    await Promise.all([cache.get(), cache.get()]);
    cache.opened();
    expect(await cache.get()).toMatchObject({ value: { balance: 100, openTrades: 1 } });
    expect(asked).toBe(1);
    cache.invalidate();
    expect(await cache.get()).toMatchObject({ value: { balance: 101 } });
    now = 1_000;
    expect(await cache.get()).toMatchObject({ value: { balance: 102 } });
  });

  it('keeps no failed answer', async () => {
    let asked = 0;
    const cache = new SummaryCache(1_000, () => {
      asked += 1;
      return Promise.resolve(asked === 1 ? brokerUnknown('lost') : summary(5));
    });
    expect(await cache.get()).toMatchObject({ ok: false, error: { code: 'ZEPIX_BROKER_UNKNOWN' } });
    await Promise.resolve();
    expect(await cache.get()).toMatchObject({ ok: true });
  });
});
