import type { BrokerEvent } from '@zepix/broker-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaperBroker } from './PaperBroker.js';
import { expectOk, openBroker, order, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
let broker: PaperBroker;

beforeEach(() => {
  tmp = tempDir();
  broker = openBroker(tmp.dbPath);
  broker.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
});

afterEach(async () => {
  await broker.close();
  tmp.remove();
});

describe('placeMarketOrder faults', () => {
  it("'unknown-after' places the trade for real, and reconciliation finds it", async () => {
    broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-after' });
    expect(await broker.placeMarketOrder(order({ clientOrderId: 'amb' }))).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN', message: expect.stringContaining('carried out') },
    });
    expect(expectOk(await broker.findByClientOrderId('amb'))).toMatchObject({ tradeId: 'P1', lots: 0.1 });
    expect(expectOk(await broker.openTrades())).toHaveLength(1);
    // A blind resend after the timeout is exactly what the duplicate check stops.
    expect(await broker.placeMarketOrder(order({ clientOrderId: 'amb' }))).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_DUPLICATE_CLIENT_ORDER_ID' },
    });
  });

  it("'unknown-before' places nothing, so the order can be sent again", async () => {
    broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-before' });
    expect(await broker.placeMarketOrder(order({ clientOrderId: 'lost' }))).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    expect(expectOk(await broker.findByClientOrderId('lost'))).toBeUndefined();
    expect(expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'lost' }))).tradeId).toBe('P1');
  });

  it("'rejected' refuses with ZEPIX_PAPER_INJECTED for `count` calls, then fills again", async () => {
    broker.injectFault({ method: 'placeMarketOrder', outcome: 'rejected', count: 2 });
    for (const id of ['r1', 'r2']) {
      expect(await broker.placeMarketOrder(order({ clientOrderId: id }))).toMatchObject({
        ok: false,
        error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_PAPER_INJECTED' },
      });
    }
    expect(expectOk(await broker.openTrades())).toEqual([]);
    expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'r3' })));
  });

  it('applies faults for one method in the order injected and leaves other methods alone', async () => {
    broker.injectFault({ method: 'placeMarketOrder', outcome: 'rejected' });
    broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-before' });
    expect(await broker.placeMarketOrder(order({ clientOrderId: 'a' }))).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED' },
    });
    expect(await broker.placeMarketOrder(order({ clientOrderId: 'a' }))).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'a' })));
    expectOk(await broker.closeTrade({ tradeId: 'P1' }));
  });

  it('refuses a count that would inject nothing', () => {
    expect(() => broker.injectFault({ method: 'closeTrade', outcome: 'rejected', count: 0 })).toThrow(
      /positive integer/,
    );
  });
});

describe('closeTrade and modifyTrade faults', () => {
  beforeEach(async () => {
    expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'c', stopLoss: 1.09 })));
  });

  it("'unknown-after' on closeTrade closes the trade, books it and still emits the close", async () => {
    const events: BrokerEvent[] = [];
    broker.onEvent((e) => events.push(e));
    broker.injectFault({ method: 'closeTrade', outcome: 'unknown-after' });
    expect(await broker.closeTrade({ tradeId: 'P1' })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    expect(expectOk(await broker.findByClientOrderId('c'))).toMatchObject({ closed: true, realizedPnl: -1 });
    expect(expectOk(await broker.accountSummary()).balance).toBe(9_999);
    expect(events.map((e) => e.type)).toEqual(['trade_closed']);
  });

  it("'unknown-before' and 'rejected' on closeTrade leave the trade open", async () => {
    broker.injectFault({ method: 'closeTrade', outcome: 'unknown-before' });
    broker.injectFault({ method: 'closeTrade', outcome: 'rejected' });
    expect(await broker.closeTrade({ tradeId: 'P1' })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    expect(await broker.closeTrade({ tradeId: 'P1' })).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_INJECTED' },
    });
    expect(expectOk(await broker.openTrades())).toHaveLength(1);
  });

  it("'unknown-after' on modifyTrade applies the change; 'unknown-before' and 'rejected' do not", async () => {
    broker.injectFault({ method: 'modifyTrade', outcome: 'unknown-after' });
    expect(await broker.modifyTrade({ tradeId: 'P1', stopLoss: 1.095 })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    expect(expectOk(await broker.findByClientOrderId('c'))).toMatchObject({ stopLoss: 1.095 });

    broker.injectFault({ method: 'modifyTrade', outcome: 'unknown-before' });
    broker.injectFault({ method: 'modifyTrade', outcome: 'rejected' });
    expect(await broker.modifyTrade({ tradeId: 'P1', stopLoss: 1.096 })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    expect(await broker.modifyTrade({ tradeId: 'P1', stopLoss: 1.097 })).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_PAPER_INJECTED' },
    });
    expect(expectOk(await broker.findByClientOrderId('c'))).toMatchObject({ stopLoss: 1.095 });
  });
});

describe('read faults and refusals with the broker’s own words', () => {
  it('refuses with the code and reason given, as a real broker would', async () => {
    broker.injectFault({ method: 'placeMarketOrder', outcome: 'rejected', code: 'NO_MARGIN', reason: 'no margin' });
    expect(await broker.placeMarketOrder(order())).toEqual({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'NO_MARGIN', message: 'no margin' },
    });
  });

  it('answers a read with unknown, whichever unknown was injected, then reads again', async () => {
    expectOk(await broker.placeMarketOrder(order({ clientOrderId: 'r' })));
    broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-after' });
    broker.injectFault({ method: 'accountSummary', outcome: 'unknown-before' });
    broker.injectFault({ method: 'getPrice', outcome: 'rejected' });
    broker.injectFault({ method: 'openTrades', outcome: 'unknown-before' });
    expect(await broker.findByClientOrderId('r')).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN', message: expect.stringContaining('no answer') },
    });
    expect(await broker.accountSummary()).toMatchObject({ ok: false, error: { code: 'ZEPIX_BROKER_UNKNOWN' } });
    expect(await broker.getPrice('EURUSD')).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_PAPER_INJECTED' },
    });
    expect(await broker.openTrades()).toMatchObject({ ok: false, error: { code: 'ZEPIX_BROKER_UNKNOWN' } });
    expect(expectOk(await broker.findByClientOrderId('r'))).toMatchObject({ tradeId: 'P1' });
    expect(expectOk(await broker.openTrades())).toHaveLength(1);
  });
});
