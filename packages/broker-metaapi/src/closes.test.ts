import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TradeClose } from '@zepix/broker-api';
import { expectOk, order, startRig, tradeBodies } from './testSupport.js';
import type { Rig } from './testSupport.js';

const closes = (rig: Rig): TradeClose[] => rig.events.flatMap((e) => (e.type === 'trade_closed' ? [e.close] : []));

describe('MetaApiBroker closes, modifications and the deal feed', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.stop());

  it('reads the account summary afresh after an SL fill the deal poll found (a summary read since may hold it)', async () => {
    await rig.broker.close();
    rig.reopen({ summaryMaxAgeMs: 60_000 });
    const reads = () => rig.emulator.requests.filter((r) => r.path.endsWith('/account-information')).length;
    expectOk(await rig.broker.placeMarketOrder(order()));
    const before = expectOk(await rig.broker.accountSummary());
    rig.emulator.setPrice('XAUUSD', 2639.5, 2639.7);
    expectOk(await rig.broker.pollDeals());
    expect(expectOk(await rig.broker.accountSummary())).toMatchObject({
      balance: before.balance - 107,
      openTrades: before.openTrades - 1,
    });
    expect(reads()).toBe(2);
  });

  it('reports an SL fill from the history deals with the broker’s P/L, once', async () => {
    const trade = expectOk(await rig.broker.placeMarketOrder(order()));
    const [deal] = rig.emulator.setPrice('XAUUSD', 2639.5, 2639.7);
    // MetaApi rewrites the order part of the clientId on SL/TP deals; the adapter still knows whose it is.
    expect(deal?.clientId).not.toBe(rig.emulator.account.dealsByPosition(trade.tradeId)[0]?.clientId);
    const polled = expectOk(await rig.broker.pollDeals());
    expect(polled).toEqual([
      {
        tradeId: trade.tradeId,
        clientOrderId: 'z0123456789abc-S',
        symbol: 'XAUUSD',
        direction: 'buy',
        closedLots: 0.1,
        remainingLots: 0,
        openPrice: 2650.2,
        closePrice: 2639.5,
        realizedPnl: -107,
        reason: 'sl',
        closedAt: deal!.time,
      },
    ]);
    expect(closes(rig)).toEqual(polled);
    expect(expectOk(await rig.broker.pollDeals())).toEqual([]);
    expect(closes(rig)).toHaveLength(1);
  });

  it('reports a TP and a close made in the terminal', async () => {
    const a = expectOk(await rig.broker.placeMarketOrder(order({ clientOrderId: 'tp-1' })));
    const b = expectOk(
      await rig.broker.placeMarketOrder(
        order({ clientOrderId: 'man-1', symbol: 'EURUSD', direction: 'sell', stopLoss: 1.2, takeProfit: 1 }),
      ),
    );
    rig.emulator.setPrice('XAUUSD', 2670, 2670.2);
    rig.emulator.account.closeInTerminal(b.tradeId);
    const polled = expectOk(await rig.broker.pollDeals());
    expect(polled.map((c) => [c.tradeId, c.clientOrderId, c.reason])).toEqual([
      [a.tradeId, 'tp-1', 'tp'],
      [b.tradeId, 'man-1', 'manual'],
    ]);
  });

  it('ignores positions Zepix did not open', async () => {
    rig.emulator.account.marketOrder({ side: 'buy', symbol: 'XAUUSD', volume: 0.1, stopLoss: 2640 });
    rig.emulator.setPrice('XAUUSD', 2639, 2639.2);
    expect(expectOk(await rig.broker.pollDeals())).toEqual([]);
  });

  it('closes part with POSITION_PARTIAL and the rest with POSITION_CLOSE_ID, each reported once', async () => {
    const trade = expectOk(await rig.broker.placeMarketOrder(order({ lots: 0.3 })));
    rig.emulator.setPrice('XAUUSD', 2655, 2655.2);
    const part = expectOk(await rig.broker.closeTrade({ tradeId: trade.tradeId, lots: 0.1 }));
    expect(part).toMatchObject({
      closedLots: 0.1,
      remainingLots: 0.2,
      closePrice: 2655,
      realizedPnl: 48,
      reason: 'manual',
    });
    const rest = expectOk(await rig.broker.closeTrade({ tradeId: trade.tradeId }));
    expect(rest).toMatchObject({ closedLots: 0.2, remainingLots: 0, realizedPnl: 96 });
    expect(tradeBodies(rig.emulator).slice(1)).toEqual([
      { actionType: 'POSITION_PARTIAL', positionId: trade.tradeId, volume: 0.1 },
      { actionType: 'POSITION_CLOSE_ID', positionId: trade.tradeId },
    ]);
    expect(expectOk(await rig.broker.pollDeals())).toEqual([]);
    expect(closes(rig)).toEqual([part, rest]);
    expect(await rig.broker.closeTrade({ tradeId: trade.tradeId })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_POSITION_NOT_FOUND' },
    });
  });

  it('modifies one level and sends the other as it stands, since POSITION_MODIFY removes a level left out', async () => {
    const trade = expectOk(await rig.broker.placeMarketOrder(order()));
    const moved = expectOk(await rig.broker.modifyTrade({ tradeId: trade.tradeId, stopLoss: 2645.123 }));
    expect(moved).toMatchObject({ stopLoss: 2645.12, takeProfit: 2670 });
    expect(tradeBodies(rig.emulator).at(-1)).toEqual({
      actionType: 'POSITION_MODIFY',
      positionId: trade.tradeId,
      stopLoss: 2645.12,
      takeProfit: 2670,
    });
    expect(rig.emulator.account.position(trade.tradeId)).toMatchObject({ stopLoss: 2645.12, takeProfit: 2670 });
    expect(await rig.broker.modifyTrade({ tradeId: trade.tradeId, stopLoss: 2660 })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'ZEPIX_METAAPI_INVALID_STOPS' },
    });
  });

  it('catches up after a restart with the deals since the last one seen, and nothing older', async () => {
    const first = expectOk(await rig.broker.placeMarketOrder(order({ clientOrderId: 'r-1' })));
    const second = expectOk(await rig.broker.placeMarketOrder(order({ clientOrderId: 'r-2', stopLoss: 2630 })));
    rig.emulator.setPrice('XAUUSD', 2639, 2639.2);
    expect(expectOk(await rig.broker.pollDeals()).map((c) => c.tradeId)).toEqual([first.tradeId]);
    await rig.broker.close();
    rig.emulator.setPrice('XAUUSD', 2629, 2629.2); // the SL of r-2 fills while Zepix is down
    // Restarted ten minutes later: only the stored cursor reaches back to the fill.
    const restarted = rig.reopen({ now: () => new Date(Date.now() + 600_000) });
    const caught = expectOk(await restarted.pollDeals());
    expect(caught.map((c) => [c.tradeId, c.clientOrderId, c.reason])).toEqual([[second.tradeId, 'r-2', 'sl']]);
    expect(expectOk(await restarted.openTrades())).toEqual([]);
  });

  it('after a restart, polls the prices of symbols with open positions and emits them', async () => {
    expectOk(await rig.broker.placeMarketOrder(order()));
    await rig.broker.close();
    rig.reopen({ pollIntervalMs: 20 });
    rig.emulator.setPrice('XAUUSD', 2652, 2652.2);
    await vi.waitFor(
      () =>
        expect(rig.events.some((e) => e.type === 'price' && e.tick.symbol === 'XAUUSD' && e.tick.bid === 2652)).toBe(
          true,
        ),
      { timeout: 10_000, interval: 20 },
    );
  });

  it('lists open trades with their Zepix client order ids', async () => {
    const trade = expectOk(await rig.broker.placeMarketOrder(order()));
    expect(expectOk(await rig.broker.openTrades())).toEqual([
      expect.objectContaining({ tradeId: trade.tradeId, clientOrderId: 'z0123456789abc-S', lots: 0.1 }),
    ]);
  });
});
