import Database from 'better-sqlite3';
import { ok } from '@zepix/broker-api';
import type { MarketOrderRequest } from '@zepix/broker-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import type { ReconcileReport } from './reconcile.js';
import { alert, harness } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.cleanup();
});

/**
 * The engine goes down while an order is at the broker: the call never answers. `reaches` says whether the
 * broker took the order before the line went dead.
 */
async function crashDuringOrder(
  reaches: boolean,
  options: { stopLoss?: number; lifecycle?: { exitContinuation: boolean } } = {},
): Promise<void> {
  const restore = await orderHangingAtBroker(reaches, options);
  await h.engine.close();
  restore();
}

/** Places an order whose broker call never answers (after the broker took it, if `reaches`); returns the undo. */
async function orderHangingAtBroker(
  reaches: boolean,
  options: { stopLoss?: number; lifecycle?: { exitContinuation: boolean } } = {},
): Promise<() => void> {
  const place = h.broker.placeMarketOrder.bind(h.broker);
  h.broker.placeMarketOrder = (request: MarketOrderRequest) => {
    if (reaches) void place(request);
    else h.placeRequests.push(request);
    return new Promise(() => undefined);
  };
  void h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy', ...options });
  // Let the order reach the broker call; its intent is committed by then.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(h.engine.listTrades().map((t) => t.state)).toEqual(['submitting']);
  return () => {
    h.broker.placeMarketOrder = place;
  };
}

const outbox = () => h.engine.outbox.pending(100);

/** A start-up report: the counts named, zero for the rest, and no unknown broker trades. */
const report = (counts: Partial<Omit<ReconcileReport, 'unknownAtBroker'>>): ReconcileReport => ({
  checked: 0,
  opened: 0,
  closed: 0,
  failed: 0,
  stillUnknown: 0,
  unknownAtBroker: [],
  ...counts,
});

describe('start-up reconciliation of an order cut off at the broker', () => {
  it('opens the order the broker took, and counts it', async () => {
    await crashDuringOrder(true);
    const engine = await h.reopen();
    expect(engine.startupReport).toEqual(report({ checked: 1, opened: 1 }));
    expect(engine.listTrades()).toMatchObject([{ state: 'open', brokerTradeId: 'P1', entryPrice: 2650 }]);
    expect(outbox().map((r) => r.kind)).toEqual(['entry']);
  });

  it('marks failed an order the broker never saw, and does not resend it', async () => {
    await crashDuringOrder(false);
    const engine = await h.reopen();
    expect(engine.startupReport).toEqual(report({ checked: 1, failed: 1 }));
    const [trade] = engine.listTrades();
    expect(trade).toMatchObject({ state: 'failed', errorCode: TradingErrorCode.OrderFailed });
    expect(trade?.errorReason).toBe(
      `the broker has no trade with client order id ${trade?.clientOrderId}, so the order never reached it; it is not resent. Fix: check the broker's order history, then send a new alert if the trade is still wanted`,
    );
    expect(h.placeRequests).toHaveLength(1);
    expect(outbox().map((r) => r.kind)).toEqual(['order_failed']);
  });

  it('records open then closed an order that filled and closed at the broker meanwhile', async () => {
    await crashDuringOrder(true, { stopLoss: 2640, lifecycle: { exitContinuation: true } });
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2639, ask: 2639 });
    const engine = await h.reopen();
    expect(engine.startupReport).toEqual(report({ checked: 1, closed: 1 }));
    expect(engine.listTrades()).toMatchObject([
      {
        state: 'closed',
        entryPrice: 2650,
        closePrice: 2640,
        closeReason: 'sl',
        closedBy: 'broker',
        exitNote: 'closed at the broker before Zepix confirmed it',
        lots: 0.05,
        realizedPnl: -50,
      },
    ]);
    expect(outbox().map((r) => r.kind)).toEqual(['entry', 'sl_hit']);
    // A broker close is not the plugin's exit: no exit continuation.
    expect(await engine.servicesFor('alpha').reentry.getMonitors()).toEqual([]);
  });

  it('leaves it unknown, saying why, when the broker cannot be asked either', async () => {
    await crashDuringOrder(true);
    h.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before', reason: 'link down' });
    const engine = await h.reopen();
    expect(engine.startupReport).toEqual(report({ checked: 1, stillUnknown: 1 }));
    const [trade] = engine.listTrades();
    expect(trade).toMatchObject({ state: 'unknown', errorCode: TradingErrorCode.BrokerUnknown });
    expect(trade?.errorReason).toMatch(
      /^outcome not confirmed and the broker lookup failed \(.*link down.*\); reconciled again at the next start-up$/,
    );
    expect(h.logs).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'reconciliation could not reach the broker; will retry at start-up',
        clientOrderId: trade?.clientOrderId,
        reason: expect.stringContaining('link down'),
      }),
    ]);
    // An unknown row the lookup cannot settle stays as it was, reason and all.
    h.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before' });
    expect(await engine.reconcile()).toEqual(report({ checked: 1, stillUnknown: 1 }));
    expect(engine.listTrades()[0]?.errorReason).toBe(trade?.errorReason);
    expect(await engine.reconcile()).toMatchObject({ opened: 1, stillUnknown: 0 });
  });

  it('treats a lookup that throws like one that cannot reach the broker', async () => {
    await crashDuringOrder(true);
    const find = h.broker.findByClientOrderId.bind(h.broker);
    h.broker.findByClientOrderId = () => Promise.reject(new Error('socket hang up'));
    const engine = await h.reopen();
    expect(engine.startupReport).toMatchObject({ stillUnknown: 1 });
    expect(engine.listTrades()[0]?.errorReason).toContain('socket hang up');
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- some broker SDKs reject with a bare string
    h.broker.findByClientOrderId = () => Promise.reject('not an Error');
    expect(await engine.reconcile()).toMatchObject({ stillUnknown: 1 });
    h.broker.findByClientOrderId = find;
  });
});

describe('start-up check of open positions', () => {
  it('counts every unconfirmed and open row, records only the closed ones, and leaves the rest open', async () => {
    const services = h.engine.servicesFor('alpha');
    const lifecycle = { exitContinuation: true };
    await services.orderExecution.placeOrder({ alert: alert(), direction: 'buy', stopLoss: 2640, lifecycle });
    await services.orderExecution.placeOrder({ alert: alert(), direction: 'buy', takeProfit: 2660, lifecycle });
    await services.orderExecution.placeOrder({ alert: alert(), direction: 'sell' });
    await h.engine.close();
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2661, ask: 2661 });
    const engine = await h.reopen();
    expect(engine.startupReport).toEqual(report({ checked: 3, closed: 1 }));
    expect(engine.listTrades().map((t) => [t.state, t.closeReason, t.exitNote])).toEqual([
      ['open', null, null],
      ['closed', 'tp', 'closed at the broker while Zepix was down'],
      ['open', null, null],
    ]);
    expect(await engine.servicesFor('alpha').reentry.getMonitors()).toEqual([]);
  });

  it('leaves open a position the broker has no record of', async () => {
    await h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
    await h.engine.close();
    const find = h.broker.findByClientOrderId.bind(h.broker);
    h.broker.findByClientOrderId = () => Promise.resolve(ok(undefined));
    const engine = await h.reopen();
    expect(engine.startupReport).toEqual(report({ checked: 1 }));
    expect(engine.listTrades()[0]?.state).toBe('open');
    h.broker.findByClientOrderId = find;
  });

  it('records only the rest of a position closed in part before: the broker reports the whole trade', async () => {
    await h.engine
      .servicesFor('alpha')
      .orderExecution.placeOrder({ alert: alert(), direction: 'buy', lots: 0.1, stopLoss: 2640 });
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2651, ask: 2651 });
    await h.broker.closeTrade({ tradeId: 'P1', lots: 0.04 });
    expect(h.engine.listTrades()[0]).toMatchObject({ state: 'open', lots: 0.06, realizedPnl: 4 });
    await h.engine.close();
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2639, ask: 2639 });
    const engine = await h.reopen();
    // +$4 on 0.04 lots, then -$60 on the other 0.06 at the SL: -$56 in all, as the broker says.
    expect(engine.listTrades()[0]).toMatchObject({ state: 'closed', lots: 0.06, realizedPnl: -56 });
    expect(engine.analytics().overall).toMatchObject({ pnl: -56 });
    // Gross loss basis: the losing close counts, the winning partial does not.
    expect(engine.riskState()).toMatchObject({ dailyRealizedLoss: 60 });
  });

  it('leaves open positions open when the broker cannot be asked', async () => {
    await h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy', stopLoss: 2640 });
    await h.engine.close();
    h.broker.updatePrice({ symbol: 'XAUUSD', bid: 2639, ask: 2639 });
    h.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before' });
    const engine = await h.reopen();
    expect(engine.startupReport).toEqual(report({ checked: 1 }));
    expect(engine.listTrades()[0]?.state).toBe('open');
    expect(await engine.reconcile()).toMatchObject({ closed: 1 });
  });
});

describe('start-up check for broker trades no live Zepix position manages', () => {
  const byHand = { clientOrderId: 'opened-by-hand', symbol: 'XAUUSD', direction: 'sell', lots: 0.2 } as const;

  it('lists them in the report, warns and notifies once per start, and leaves them alone', async () => {
    await h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
    const placed = await h.broker.placeMarketOrder(byHand);
    expect(placed.ok).toBe(true);
    const engine = await h.reopen();
    const unknown = {
      tradeId: 'P2',
      clientOrderId: 'opened-by-hand',
      symbol: 'XAUUSD',
      direction: 'sell',
      lots: 0.2,
      zepixClientId: false,
    };
    expect(engine.startupReport?.unknownAtBroker).toEqual([expect.objectContaining(unknown)]);
    const notices = outbox().filter((row) => row.kind === 'unknown_trades');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ plugin: 'system' });
    expect(notices[0]?.text).toMatch(
      /^\[system\] UNKNOWN TRADES: the paper account holds 1 open trade\(s\) Zepix does not manage: SELL XAUUSD 0\.2 lots @ [\d.]+ \(trade P2\)\. Zepix leaves them alone \(no SL\/TP changes, no closes\), and its loss caps do not count them/,
    );
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 40, unknownAtBroker: [expect.objectContaining(unknown)] }),
    );
    expect(engine.listTrades()).toHaveLength(1);
    // The operator's sync lists them too, without a second notice.
    expect((await engine.reconcile()).unknownAtBroker).toHaveLength(1);
    expect(outbox().filter((row) => row.kind === 'unknown_trades')).toHaveLength(1);
    const open = await h.broker.openTrades();
    expect(open.ok && open.value.map((t) => t.tradeId)).toEqual(['P1', 'P2']);
  });

  it('lists a trade Zepix recorded as closed or failed, and one with a Zepix client id but no row, saying so', async () => {
    await h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
    await h.broker.placeMarketOrder({ ...byHand, clientOrderId: 'z0123456789abc-A' });
    await h.engine.close();
    const db = new Database(h.path);
    db.prepare("UPDATE positions SET state = 'closed'").run();
    db.close();
    const engine = await h.reopen();
    expect(engine.startupReport?.unknownAtBroker).toEqual([
      expect.objectContaining({ tradeId: 'P1', zepixState: 'closed', zepixClientId: true }),
      expect.not.objectContaining({ zepixState: expect.anything() }),
    ]);
    expect(engine.startupReport?.unknownAtBroker[1]).toMatchObject({ tradeId: 'P2', zepixClientId: true });
    const [notice] = outbox().filter((row) => row.kind === 'unknown_trades');
    expect(notice?.text).toContain('(trade P1), which Zepix recorded as closed;');
    expect(notice?.text).toContain('(trade P2), placed by Zepix (client id z0123456789abc-A) but not in its records.');
  });

  it("does not list the trade of an order still being placed (the operator's sync runs meanwhile)", async () => {
    const restore = await orderHangingAtBroker(true);
    expect((await h.engine.reconcile()).unknownAtBroker).toEqual([]);
    restore();
  });

  it('says how many more there are past the first ten', async () => {
    for (let i = 0; i < 12; i++) await h.broker.placeMarketOrder({ ...byHand, clientOrderId: `hand-${i}` });
    await h.reopen();
    const [notice] = outbox().filter((row) => row.kind === 'unknown_trades');
    expect(notice?.text).toContain('holds 12 open trade(s)');
    expect(notice?.text).toContain('(trade P10), and 2 more. Zepix leaves them alone');
  });

  it('reports none, with a warning, when the broker cannot list its trades', async () => {
    await h.broker.placeMarketOrder(byHand);
    h.broker.injectFault({ method: 'openTrades', outcome: 'unknown-before' });
    const engine = await h.reopen();
    expect(engine.startupReport?.unknownAtBroker).toEqual([]);
    expect(outbox().filter((row) => row.kind === 'unknown_trades')).toEqual([]);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: "could not list the broker's open trades to look for trades Zepix does not manage",
      }),
    );
    const list = h.broker.openTrades.bind(h.broker);
    h.broker.openTrades = () => Promise.reject(new Error('socket hang up'));
    expect((await engine.reconcile()).unknownAtBroker).toEqual([]);
    expect(h.logs.at(-1)).toMatchObject({ level: 40, reason: expect.stringContaining('socket hang up') });
    h.broker.openTrades = list;
  });
});
