import type { AccountSummary } from '@zepix/broker-api';
import { SymbolBook } from '@zepix/symbols';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaperBroker } from './PaperBroker.js';
import { expectOk, openBroker, order, tempDir } from './testSupport.js';
import { seededRandom } from '@zepix/broker-api/testing';

const roundCents = (value: number) => Math.round(value * 100) / 100;

// Mid prices and price steps; gold moves in half cents so that trades land exactly on half-cent profits.
const MARKETS: Record<string, { mid: number; step: number }> = {
  EURUSD: { mid: 1.1, step: 0.00001 },
  GBPJPY: { mid: 190, step: 0.001 },
  USDJPY: { mid: 150, step: 0.001 },
  XAUUSD: { mid: 2650, step: 0.005 },
};

let tmp: ReturnType<typeof tempDir>;
let broker: PaperBroker;

afterEach(async () => {
  await broker.close();
  tmp.remove();
});

function reprice(next: () => number, symbol: string): void {
  const { mid, step } = MARKETS[symbol]!;
  const bid = mid + Math.round(((next() - 0.5) * 0.02 * mid) / step) * step;
  broker.updatePrice({ symbol, bid, ask: bid + step * Math.ceil(next() * 9) });
}

/** Opens `count` trades at moving prices (some partly closed, some fully), then moves every price once more. */
async function trade(seed: number, count: number): Promise<void> {
  const next = seededRandom(seed);
  const symbols = Object.keys(MARKETS);
  for (const symbol of symbols) reprice(next, symbol);
  for (let i = 0; i < count; i++) {
    const symbol = symbols[Math.floor(next() * symbols.length)]!;
    reprice(next, symbol);
    const lots = Math.max(1, Math.round(next() * 300)) / 100;
    const direction = next() < 0.5 ? 'buy' : 'sell';
    const opened = expectOk(await broker.placeMarketOrder(order({ clientOrderId: `c${i}`, symbol, direction, lots })));
    if (i % 11 === 3) expectOk(await broker.closeTrade({ tradeId: opened.tradeId }));
    else if (i % 7 === 2 && lots > 0.01) expectOk(await broker.closeTrade({ tradeId: opened.tradeId, lots: 0.01 }));
  }
  for (const symbol of symbols) reprice(next, symbol);
}

/** The summary as it was computed before: every open trade valued on its own, summed in id order. */
async function perTrade(): Promise<AccountSummary> {
  const open = expectOk(await broker.openTrades());
  const { balance } = expectOk(await broker.accountSummary());
  const unrealizedPnl = roundCents(open.reduce((sum, t) => sum + t.unrealizedPnl, 0));
  return {
    currency: 'USD',
    balance,
    equity: roundCents(balance + unrealizedPnl),
    unrealizedPnl,
    openTrades: open.length,
  };
}

describe('account summary', () => {
  it.each([1, 2, 3, 4, 5, 6])('sums per symbol in SQL to what the per-trade sum gave (seed %d)', async (seed) => {
    tmp = tempDir();
    const rates = (pair: string) => (pair === 'USDJPY' ? 151.237 : undefined);
    broker = openBroker(tmp.dbPath, { symbols: new SymbolBook({ rates }) });
    await trade(seed, 300);
    const expected = await perTrade();
    expect(expected.openTrades).toBeGreaterThan(200);
    expect(expectOk(await broker.accountSummary())).toEqual(expected);
  });

  it('nets winners against losers and counts nothing open as 0', async () => {
    tmp = tempDir();
    broker = openBroker(tmp.dbPath);
    expect(expectOk(await broker.accountSummary())).toMatchObject({ unrealizedPnl: 0, equity: 10_000, openTrades: 0 });
    broker.updatePrice({ symbol: 'XAUUSD', bid: 2650, ask: 2650 });
    await broker.placeMarketOrder(order({ clientOrderId: 'b', symbol: 'XAUUSD', direction: 'buy', lots: 0.5 }));
    await broker.placeMarketOrder(order({ clientOrderId: 's', symbol: 'XAUUSD', direction: 'sell', lots: 0.2 }));
    broker.updatePrice({ symbol: 'XAUUSD', bid: 2651, ask: 2651.2 });
    // The buy gains 50 at the bid, the sell loses 24 at the ask.
    expect(expectOk(await broker.accountSummary())).toMatchObject({ unrealizedPnl: 26, equity: 10_026, openTrades: 2 });
    expect(expectOk(await broker.accountSummary())).toEqual(await perTrade());
  });
});
