import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperBrokerError } from './results.js';
import { expectOk, openBroker, order, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;

beforeEach(() => {
  tmp = tempDir();
});

afterEach(() => {
  tmp.remove();
});

/** Leaves a file with an open gold trade, a partly closed EURUSD trade and a closed one. */
async function seed(): Promise<void> {
  const broker = openBroker(tmp.dbPath, { startingBalance: 2_000 });
  broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
  broker.updatePrice({ symbol: 'XAUUSD', bid: 2649.5, ask: 2650.5, time: '2026-01-05T09:59:00.000Z' });
  const gold = order({ clientOrderId: 'gold', symbol: 'XAUUSD', lots: 0.05, stopLoss: 2600, takeProfit: 2700 });
  expectOk(await broker.placeMarketOrder(gold));
  expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'eu', lots: 0.2, direction: 'sell' })));
  expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'done', lots: 0.1 })));
  broker.updatePrice({ symbol: 'EURUSD', mid: 1.099 });
  expectOk(await broker.closeTrade({ tradeId: 'P2', lots: 0.1 }));
  expectOk(await broker.closeTrade({ tradeId: 'P3' }));
  await broker.close();
}

describe('persistence', () => {
  it('restores open trades, balance, prices and closed trades exactly after a reopen', async () => {
    await seed();
    const first = openBroker(tmp.dbPath);
    const before = {
      open: expectOk(await first.openTrades()),
      summary: expectOk(await first.accountSummary()),
      gold: expectOk(await first.getPrice('XAUUSD')),
      done: expectOk(await first.findByClientOrderId('done')),
    };
    await first.close();

    // A different starting balance must not reset an existing account.
    const reopened = openBroker(tmp.dbPath, { startingBalance: 99 });
    expect(expectOk(await reopened.openTrades())).toEqual(before.open);
    expect(before.open.map((t) => [t.tradeId, t.lots])).toEqual([
      ['P1', 0.05],
      ['P2', 0.1],
    ]);
    expect(expectOk(await reopened.accountSummary())).toEqual(before.summary);
    // Sold 0.1 at 1.09995, bought back at 1.09905 (+9); bought 0.1 at 1.10005, sold at 1.09895 (−11).
    expect(before.summary.balance).toBe(1_998);
    expect(expectOk(await reopened.getPrice('XAUUSD'))).toEqual({
      symbol: 'XAUUSD',
      bid: 2649.5,
      ask: 2650.5,
      time: '2026-01-05T09:59:00.000Z',
    });
    expect(expectOk(await reopened.findByClientOrderId('done'))).toEqual(before.done);
    expect(before.done).toMatchObject({ closed: true, realizedPnl: -11 });
    expect(expectOk(await reopened.findByClientOrderId('never'))).toBeUndefined();
    await reopened.close();
  });

  it('keeps trade ids and duplicate protection going and fires restored SL/TP after a reopen', async () => {
    await seed();
    const broker = openBroker(tmp.dbPath);
    expect(await broker.placeMarketOrder(order({ clientOrderId: 'gold' }))).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_DUPLICATE_CLIENT_ORDER_ID' },
    });
    expect(expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'new' }))).tradeId).toBe('P4');
    const [close] = broker.updatePrice({ symbol: 'XAUUSD', mid: 2710 });
    expect(close).toMatchObject({ tradeId: 'P1', reason: 'tp', closePrice: 2700, realizedPnl: 247.5 });
    await broker.close();
  });

  it('keeps the file in WAL mode', async () => {
    await seed();
    const raw = new Database(tmp.dbPath, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('works in memory', async () => {
    const broker = openBroker(':memory:');
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    expect(expectOk(await broker.placeMarketOrder(order())).tradeId).toBe('P1');
    await broker.close();
  });
});

describe('lifecycle', () => {
  it('closes idempotently and refuses work afterwards', async () => {
    const broker = openBroker(tmp.dbPath);
    await broker.close();
    await broker.close();
    expect(await broker.openTrades()).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_PAPER_CLOSED' },
    });
    expect(() => broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 })).toThrow(PaperBrokerError);
  });

  it('refuses a bad starting balance and a file from a newer schema', () => {
    expect(() => openBroker(tmp.dbPath, { startingBalance: -5 })).toThrow(/startingBalance/);
    const raw = new Database(tmp.dbPath);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openBroker(tmp.dbPath)).toThrow(/schema version 99/);
  });

  it('answers unknown when the store fails mid-call', async () => {
    const broker = openBroker(tmp.dbPath);
    broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
    const raw = new Database(tmp.dbPath);
    raw.exec("CREATE TRIGGER fail BEFORE INSERT ON trades BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
    raw.close();
    expect(await broker.placeMarketOrder(order())).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN', message: expect.stringContaining('disk on fire') },
    });
    await broker.close();
  });
});
