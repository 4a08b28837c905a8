import { afterEach, describe, expect, it } from 'vitest';
import { isClosedTrade } from '@zepix/broker-api';
import { expectOk, order, startRig, tradeBodies } from './testSupport.js';
import type { Rig } from './testSupport.js';

describe('MetaApiBroker under injected faults', () => {
  let rig: Rig;
  afterEach(() => rig.stop());

  it('answers unknown when the trade executed but the answer timed out, and finds it by client id', async () => {
    rig = await startRig({ broker: { timeoutMs: 300 } });
    rig.emulator.inject({ kind: 'timeout-after-commit' });
    const result = await rig.broker.placeMarketOrder(order());
    expect(result).toMatchObject({ ok: false, error: { code: 'ZEPIX_BROKER_UNKNOWN' } });
    const found = expectOk(await rig.broker.findByClientOrderId('z0123456789abc-S'));
    expect(found).toMatchObject({ clientOrderId: 'z0123456789abc-S', symbol: 'XAUUSD', lots: 0.1 });
    expect(tradeBodies(rig.emulator)).toHaveLength(1);
  });

  it('answers unknown on a 5xx after the broker acted, and finds the trade', async () => {
    rig = await startRig();
    rig.emulator.inject({ kind: 'http-error', status: 502, afterCommit: true });
    expect(await rig.broker.placeMarketOrder(order())).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    expect(expectOk(await rig.broker.findByClientOrderId('z0123456789abc-S'))?.tradeId).toBeDefined();
  });

  it('finds nothing after a timeout that never reached the broker', async () => {
    rig = await startRig({ broker: { timeoutMs: 300 } });
    rig.emulator.inject({ kind: 'timeout' });
    expect(await rig.broker.placeMarketOrder(order())).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    expect(expectOk(await rig.broker.findByClientOrderId('z0123456789abc-S'))).toBeUndefined();
  });

  it('treats -11 (disconnected during trade) as unknown and other codes as rejections', async () => {
    rig = await startRig();
    rig.emulator.inject({
      kind: 'return-code',
      numericCode: -11,
      stringCode: 'TRADE_RETCODE_DISCONNECTED_DURING_TRADE',
    });
    expect(await rig.broker.placeMarketOrder(order())).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_UNKNOWN' },
    });
    rig.emulator.inject({ kind: 'return-code', numericCode: 10019, stringCode: 'TRADE_RETCODE_NO_MONEY' });
    expect(await rig.broker.placeMarketOrder(order({ clientOrderId: 'b-1' }))).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_NO_MONEY' },
    });
  });

  it('waits for a near recommendedRetryTime after 429 and then succeeds', async () => {
    rig = await startRig();
    rig.emulator.inject({ kind: 'rate-limit', retryAfterMs: 50 });
    expectOk(await rig.broker.placeMarketOrder(order()));
    expect(tradeBodies(rig.emulator)).toHaveLength(2);
    expect(rig.emulator.account.positions()).toHaveLength(1);
  });

  it('reports a far recommendedRetryTime as a rejection instead of blocking the order path', async () => {
    rig = await startRig({ broker: { maxRateLimitWaitMs: 100 } });
    rig.emulator.inject({ kind: 'rate-limit', retryAfterMs: 60_000 });
    const result = await rig.broker.placeMarketOrder(order());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_RATE_LIMITED' },
    });
    expect(rig.emulator.account.positions()).toHaveLength(0);
    // The limit holds for the following calls too, without asking MetaApi again.
    const before = rig.emulator.requests.length;
    expect(await rig.broker.accountSummary()).toMatchObject({
      ok: false,
      error: { brokerCode: 'ZEPIX_METAAPI_RATE_LIMITED' },
    });
    expect(rig.emulator.requests.length).toBe(before);
  });

  it('finds a closed trade by client id from the history deals, even without the adapter’s records', async () => {
    rig = await startRig();
    const trade = expectOk(await rig.broker.placeMarketOrder(order()));
    rig.emulator.setPrice('XAUUSD', 2639, 2639.2);
    await rig.broker.close();
    const fresh = rig.reopen({ dataPath: `${rig.dir}/other.db` });
    const found = expectOk(await fresh.findByClientOrderId('z0123456789abc-S'));
    expect(found !== undefined && isClosedTrade(found)).toBe(true);
    expect(found).toMatchObject({ tradeId: trade.tradeId, closePrice: 2639, realizedPnl: -112 });
  });
});
