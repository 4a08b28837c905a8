import { isBrokerRejection } from '@zepix/broker-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_AND_CLIENT_ID_MAX, metaApiClientId } from './clientIds.js';
import { expectOk, order, startRig, tradeBodies } from './testSupport.js';
import type { Rig } from './testSupport.js';

describe('MetaApiBroker orders', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.stop());

  it('opens a market buy with volume on the step, levels on the digits and the short clientId', async () => {
    const trade = expectOk(
      await rig.broker.placeMarketOrder(order({ lots: 0.123, stopLoss: 2640.004, takeProfit: 2670.006 })),
    );
    expect(trade).toMatchObject({
      clientOrderId: 'z0123456789abc-S',
      symbol: 'XAUUSD',
      direction: 'buy',
      lots: 0.12,
      openPrice: 2650.2,
      stopLoss: 2640,
      takeProfit: 2670.01,
    });
    const [sent] = tradeBodies(rig.emulator);
    expect(sent).toEqual({
      actionType: 'ORDER_TYPE_BUY',
      symbol: 'XAUUSD',
      volume: 0.12,
      stopLoss: 2640,
      takeProfit: 2670.01,
      comment: 'zepix',
      clientId: metaApiClientId('z0123456789abc-S'),
    });
    expect(rig.emulator.account.position(trade.tradeId)?.clientId).toBe(metaApiClientId('z0123456789abc-S'));
  });

  it('fits the longest Zepix client order id (32 characters) into MetaApi’s 26 with the comment', async () => {
    const longest = 'z0123456789abc-c12-345-r99-abcde'.slice(0, 32);
    expect(longest).toHaveLength(32);
    const clientId = metaApiClientId(longest);
    expect('zepix'.length + clientId.length).toBeLessThanOrEqual(COMMENT_AND_CLIENT_ID_MAX);
    expect(clientId).toMatch(/^ZX_[0-9a-f]{14}_1$/);
    expect(metaApiClientId(longest)).toBe(clientId);
    expect(metaApiClientId(`${longest.slice(0, 31)}x`)).not.toBe(clientId);
    const trade = expectOk(await rig.broker.placeMarketOrder(order({ clientOrderId: longest })));
    expect(trade.clientOrderId).toBe(longest);
    const found = expectOk(await rig.broker.findByClientOrderId(longest));
    expect(found?.tradeId).toBe(trade.tradeId);
  });

  it('maps return codes to rejections with a reason and a fix', async () => {
    const stops = await rig.broker.placeMarketOrder(order({ stopLoss: 2655 }));
    expect(stops).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_INVALID_STOPS' },
    });
    expect(isBrokerRejection(stops) && stops.error.message).toMatch(/10016 TRADE_RETCODE_INVALID_STOPS.*Fix:/);

    rig.emulator.account.setMarketOpen('XAUUSD', false);
    expect(await rig.broker.placeMarketOrder(order({ clientOrderId: 'a-1' }))).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_MARKET_CLOSED' },
    });
    rig.emulator.account.setMarketOpen('XAUUSD', true);

    expect(await rig.broker.placeMarketOrder(order({ clientOrderId: 'a-2', lots: 40 }))).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_NO_MONEY' },
    });
    expect(rig.emulator.account.positions()).toHaveLength(0);
  });

  it('refuses lots below the symbol minimum without sending anything', async () => {
    const result = await rig.broker.placeMarketOrder(order({ lots: 0.004 }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_INVALID_VOLUME' },
    });
    expect(tradeBodies(rig.emulator)).toHaveLength(0);
  });

  it('names intake.symbol_map when the broker does not know the symbol', async () => {
    const result = await rig.broker.placeMarketOrder(order({ symbol: 'XAUUSDX' }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_SYMBOL_UNKNOWN' },
    });
    expect(isBrokerRejection(result) && result.error.message).toMatch(/intake\.symbol_map/);
  });

  it('trades broker symbol names such as XAUUSD.m and GOLD', async () => {
    rig.emulator.setPrice('XAUUSD.m', 2650, 2650.3);
    rig.emulator.setPrice('GOLD', 2650, 2650.4);
    const m = expectOk(await rig.broker.placeMarketOrder(order({ clientOrderId: 'm-1', symbol: 'XAUUSD.m' })));
    const gold = expectOk(await rig.broker.placeMarketOrder(order({ clientOrderId: 'g-1', symbol: 'GOLD' })));
    expect([m.symbol, m.openPrice, gold.symbol, gold.openPrice]).toEqual(['XAUUSD.m', 2650.3, 'GOLD', 2650.4]);
  });

  it('refuses a second order with a client order id the broker already holds', async () => {
    expectOk(await rig.broker.placeMarketOrder(order()));
    const again = await rig.broker.placeMarketOrder(order());
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_DUPLICATE_CLIENT_ORDER_ID' },
    });
    expect(tradeBodies(rig.emulator)).toHaveLength(1);
  });

  it('reads balance, equity and prices from the account', async () => {
    expectOk(await rig.broker.placeMarketOrder(order({ stopLoss: undefined, takeProfit: undefined })));
    rig.emulator.setPrice('XAUUSD', 2651, 2651.2);
    const summary = expectOk(await rig.broker.accountSummary());
    expect(summary).toEqual({ currency: 'USD', balance: 10_000, equity: 10_008, unrealizedPnl: 8, openTrades: 1 });
    expect(expectOk(await rig.broker.getPrice('XAUUSD'))).toMatchObject({ symbol: 'XAUUSD', bid: 2651, ask: 2651.2 });
    expect(expectOk(await rig.broker.accountInformation()).type).toBe('ACCOUNT_TRADE_MODE_DEMO');
    expect(expectOk(await rig.broker.symbols())).toEqual(expect.arrayContaining(['XAUUSD', 'XAUUSD.m', 'GOLD']));
  });

  it('reuses a fresh account summary, counting its own opens and closes and the P/L of its closes', async () => {
    await rig.broker.close();
    rig.reopen({ summaryMaxAgeMs: 60_000, priceMaxAgeMs: 60_000 });
    const reads = () => rig.emulator.requests.filter((r) => r.path.endsWith('/account-information')).length;
    expect(expectOk(await rig.broker.accountSummary()).openTrades).toBe(0);
    const trade = expectOk(await rig.broker.placeMarketOrder(order()));
    expect(expectOk(await rig.broker.accountSummary()).openTrades).toBe(1);
    expect(reads()).toBe(1);
    expectOk(await rig.broker.closeTrade({ tradeId: trade.tradeId }));
    expect(expectOk(await rig.broker.accountSummary())).toMatchObject({ openTrades: 0, balance: 9_998 });
    // A reversal's entry after its close must not wait for two more requests: the close's deal moved the balance.
    expect(reads()).toBe(1);
  });

  it('reuses a fresh price for getPrice, while the price poll always reads', async () => {
    await rig.broker.close();
    rig.reopen({ priceMaxAgeMs: 60_000 });
    const reads = () => rig.emulator.requests.filter((r) => r.path.endsWith('/current-price')).length;
    expectOk(await rig.broker.getPrice('XAUUSD'));
    expectOk(await rig.broker.getPrice('XAUUSD'));
    expect(reads()).toBe(1);
    rig.emulator.setPrice('XAUUSD', 2651, 2651.2);
    await rig.broker.pollPrices();
    expect(reads()).toBe(2);
    expect(expectOk(await rig.broker.getPrice('XAUUSD')).bid).toBe(2651);
  });

  it('answers a wrong token with a rejection that does not repeat the token', async () => {
    await rig.broker.close();
    const broker = rig.reopen({ token: 'wrong-secret-token' });
    const result = await broker.accountSummary();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_UNAUTHORIZED' },
    });
    expect(JSON.stringify(result)).not.toContain('wrong-secret-token');
  });
});
