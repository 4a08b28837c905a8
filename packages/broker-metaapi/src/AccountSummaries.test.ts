import type { AccountSummary, TradeClose } from '@zepix/broker-api';
import { describe, expect, it } from 'vitest';
import { AccountSummaries } from './AccountSummaries.js';

const summary = (balance: number, openTrades = 2): AccountSummary => ({
  currency: 'USD',
  balance,
  equity: balance,
  unrealizedPnl: 0,
  openTrades,
});
const close = (realizedPnl: number, remainingLots = 0) => ({ realizedPnl, remainingLots }) as TradeClose;

describe('AccountSummaries', () => {
  it("moves the summary cached all through our close by the close's P/L, and counts opens", () => {
    const summaries = new AccountSummaries(60_000);
    summaries.store(summary(1_000));
    summaries.opened();
    const ticket = summaries.closeStarting();
    summaries.closed(ticket, close(-12.345));
    expect(summaries.get()).toMatchObject({ balance: 987.66, openTrades: 2 });
    summaries.closed(summaries.closeStarting(), close(5, 0.05));
    expect(summaries.get()).toMatchObject({ balance: 992.66, openTrades: 2 });
  });

  it('drops a summary read while our close was on its way (it may hold the close already)', () => {
    const summaries = new AccountSummaries(60_000);
    summaries.store(summary(1_000));
    const ticket = summaries.closeStarting();
    summaries.store(summary(988));
    summaries.closed(ticket, close(-12));
    expect(summaries.get()).toBeUndefined();
  });

  it('keeps nothing when no summary was cached as the close began', () => {
    const summaries = new AccountSummaries(60_000);
    const ticket = summaries.closeStarting();
    summaries.store(summary(988));
    summaries.closed(ticket, close(-12));
    expect(summaries.get()).toBeUndefined();
  });
});
