import { isBrokerRejection } from '@zepix/broker-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerEvent, BrokerResult } from '@zepix/broker-api';
import { OandaCode } from './errors.js';
import type { OandaBroker } from './OandaBroker.js';
import { connectToEmulator } from './testSupport.js';
import type { OandaEmulator } from './testing/startOandaEmulator.js';

let emulator: OandaEmulator;
let broker: OandaBroker;

afterEach(async () => {
  await broker.close();
  await emulator.close();
});

async function start(overrides = {}) {
  ({ emulator, broker } = await connectToEmulator(overrides));
}

function value<T>(result: BrokerResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.value;
}

const gold = { clientOrderId: 'g-1', symbol: 'XAUUSD', direction: 'buy', lots: 0.05 } as const;
const orderPosts = () => emulator.requests.filter((line) => line.endsWith('/orders') && line.startsWith('POST')).length;

describe('OANDA orders', () => {
  it('maps XAUUSD to XAU_USD at 100 ounces a lot and rounds SL/TP to displayPrecision', async () => {
    await start();
    const trade = value(await broker.placeMarketOrder({ ...gold, stopLoss: 1990.12345, takeProfit: 2010.9876 }));
    expect(trade).toMatchObject({
      symbol: 'XAUUSD',
      lots: 0.05,
      openPrice: 2000.5,
      stopLoss: 1990.123,
      takeProfit: 2010.988,
    });
    const stored = emulator.account.ledger.find('@g-1');
    expect(stored?.initialUnits).toBe(5);
    expect(stored?.stopLoss?.price).toBe(1990.123);
  });

  it('honours a symbol map (GOLD → XAU_USD) and refuses unknown symbols and sizes below the minimum', async () => {
    await start({ symbolMap: { GOLD: 'XAU_USD' } });
    expect(value(await broker.placeMarketOrder({ ...gold, symbol: 'GOLD' })).symbol).toBe('GOLD');
    const unknown = await broker.placeMarketOrder({ ...gold, clientOrderId: 'g-2', symbol: 'BTCUSD' });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: OandaCode.unknownSymbol },
    });
    const tiny = await broker.placeMarketOrder({ ...gold, clientOrderId: 'g-3', lots: 0.001 });
    expect(tiny).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: OandaCode.belowMinimum },
    });
    expect(orderPosts()).toBe(1);
  });

  it('waits out 429 on an order and sends it again only because OANDA did nothing', async () => {
    await start();
    emulator.inject({ kind: 'http-status', status: 429, requests: 'orders', count: 2 });
    value(await broker.placeMarketOrder(gold));
    expect(orderPosts()).toBe(3);
    expect(emulator.account.ledger.openTrades()).toHaveLength(1);
  });

  it('answers unknown for a 503 or a lost answer and never resends the order by itself', async () => {
    await start();
    emulator.inject({ kind: 'http-status', status: 503, requests: 'orders', count: 1 });
    expect(await broker.placeMarketOrder(gold)).toMatchObject({ ok: false, error: { code: 'ZEPIX_BROKER_UNKNOWN' } });
    emulator.inject({ kind: 'timeout-after-commit' });
    expect(await broker.placeMarketOrder({ ...gold, clientOrderId: 'g-2' })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    expect(orderPosts()).toBe(2);
    expect(value(await broker.findByClientOrderId('g-2'))?.clientOrderId).toBe('g-2');
  });

  it('passes OANDA’s reason on for a rejected order, without the token', async () => {
    await start();
    emulator.inject({ kind: 'reject', reason: 'INSUFFICIENT_MARGIN' });
    const answer = await broker.placeMarketOrder(gold);
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: OandaCode.rejected },
    });
    expect(isBrokerRejection(answer) && answer.error.message).toMatch(/INSUFFICIENT_MARGIN/);
    expect(JSON.stringify(answer)).not.toContain(emulator.token);
  });

  it('reports a trade closed on OANDA’s own platform as a manual close with OANDA’s P/L', async () => {
    await start();
    const events: BrokerEvent[] = [];
    broker.onEvent((event) => events.push(event));
    const trade = value(await broker.placeMarketOrder(gold));
    emulator.setPrice('XAU_USD', 2003, 2003.5);
    emulator.closeTradeElsewhere(trade.tradeId);
    await expect.poll(() => events.filter((e) => e.type === 'trade_closed')).toHaveLength(1);
    const [closed] = events.filter((e) => e.type === 'trade_closed');
    expect(closed?.type === 'trade_closed' && closed.close).toMatchObject({ reason: 'manual', realizedPnl: 12.5 });
  });

  it("keeps the account summary true through fills without asking OANDA again (a reversal's entry waits for no extra request)", async () => {
    await start();
    const summaries = () => emulator.requests.filter((line) => line.endsWith('/summary')).length;
    const events: BrokerEvent[] = [];
    broker.onEvent((event) => events.push(event));
    const closes = () => events.filter((e) => e.type === 'trade_closed');
    const before = value(await broker.accountSummary());
    const asked = summaries();
    const first = value(await broker.placeMarketOrder(gold));
    value(await broker.placeMarketOrder({ ...gold, clientOrderId: 'g-2' }));
    emulator.setPrice('XAU_USD', 2003, 2003.5);
    value(await broker.closeTrade({ tradeId: first.tradeId }));
    const afterOwnClose = value(await broker.accountSummary());
    expect(afterOwnClose).toMatchObject({ balance: emulator.account.ledger.balance, openTrades: 1 });
    expect(afterOwnClose.balance).toBeCloseTo(before.balance + 12.5, 6);
    // A close made on OANDA's platform reaches the adapter through the transaction stream, with its balance.
    expect(closes()).toHaveLength(1);
    emulator.setPrice('XAU_USD', 2001, 2001.5);
    emulator.closeTradeElsewhere(String(emulator.account.ledger.openTrades()[0]?.id));
    await expect.poll(closes).toHaveLength(2);
    expect(value(await broker.accountSummary())).toMatchObject({
      balance: emulator.account.ledger.balance,
      openTrades: 0,
    });
    expect(summaries()).toBe(asked);
  });
});
