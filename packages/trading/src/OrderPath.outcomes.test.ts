import type { MarketOrderRequest } from '@zepix/broker-api';
import { describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import type { OrderRequest } from './OrderPath.js';
import type { PositionRow } from './rows.js';
import { partsEachTest } from './testSupport.js';

const f = partsEachTest();

const order: OrderRequest = {
  plugin: 'alpha',
  clientOrderId: 'ord-1',
  symbol: 'XAUUSD',
  direction: 'buy',
  leg: 'single',
  origin: 'alert',
  stopLoss: 2640,
  takeProfit: 2670,
};

const place = () => f.parts.orders.place(order);
const row = () => f.parts.ctx.positions.byClientOrderId(order.clientOrderId);
const outbox = () => f.parts.ctx.outbox.pending(100);
const sent = () => f.placeRequests.length;

/** Replaces the broker's order call; `reach` passes the request on to the paper broker first. */
function brokerAnswers(answer: (request: MarketOrderRequest) => Promise<never>, reach = false): void {
  const place = f.broker.placeMarketOrder.bind(f.broker);
  f.broker.placeMarketOrder = (request) => {
    if (reach) void place(request);
    return answer(request);
  };
}

describe('the intent comes before the broker call', () => {
  it('is committed, with the lots and levels the broker is sent, while the broker call is under way', async () => {
    let during: PositionRow | undefined;
    const place = f.broker.placeMarketOrder.bind(f.broker);
    f.broker.placeMarketOrder = (request) => {
      during = f.parts.ctx.positions.byClientOrderId(request.clientOrderId);
      return place(request);
    };
    await f.parts.orders.place(order);
    expect(during).toMatchObject({ state: 'submitting', lots: 0.05, stop_loss: 2640, take_profit: 2670 });
    expect(f.parts.ctx.db.inTransaction).toBe(false);
    expect(row()).toMatchObject({ state: 'open', broker_trade_id: 'P1', entry_price: 2650 });
  });

  it('answers a second delivery during the call as in flight, without a second order', async () => {
    let release: () => void = () => undefined;
    const place = f.broker.placeMarketOrder.bind(f.broker);
    f.broker.placeMarketOrder = async (request) => {
      await new Promise<void>((resolve) => (release = resolve));
      return place(request);
    };
    const first = f.parts.orders.place(order);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await f.parts.orders.place(order)).toEqual({
      ok: false,
      status: 'unknown',
      code: TradingErrorCode.InFlight,
      reason:
        'order ord-1 is being placed right now; its outcome is not known yet. Do not retry: the same alert cannot order twice',
    });
    release();
    expect(await first).toMatchObject({ ok: true });
    expect(sent()).toBe(1);
  });
});

describe('the broker’s answer is recorded', () => {
  it('a fill opens the position and answers it; a re-delivery answers the same position', async () => {
    const first = await place();
    expect(first).toMatchObject({ ok: true, value: { clientOrderId: 'ord-1', entryPrice: 2650, lots: 0.05 } });
    expect(await place()).toEqual(first);
    expect(sent()).toBe(1);
  });

  it('a re-delivery asks the broker nothing, not even a price or the balance', async () => {
    await place();
    const asked: string[] = [];
    const getPrice = f.broker.getPrice.bind(f.broker);
    const accountSummary = f.broker.accountSummary.bind(f.broker);
    f.broker.getPrice = (symbol) => {
      asked.push('price');
      return getPrice(symbol);
    };
    f.broker.accountSummary = () => {
      asked.push('account');
      return accountSummary();
    };
    expect(await place()).toMatchObject({ ok: true });
    expect(asked).toEqual([]);
  });

  it('a refusal is recorded rejected with the broker’s code, and given again on re-delivery', async () => {
    f.broker.injectFault({ method: 'placeMarketOrder', outcome: 'rejected', code: 'NO_MONEY', reason: 'no margin' });
    const reason =
      'broker "paper" rejected the order: NO_MONEY: no margin. Fix: correct what the broker names, then send a new alert';
    const expected = { ok: false, status: 'rejected', code: TradingErrorCode.BrokerRejected, reason };
    expect(await place()).toEqual(expected);
    expect(row()).toMatchObject({
      state: 'rejected',
      error_code: TradingErrorCode.BrokerRejected,
      error_reason: reason,
    });
    expect(outbox().map((r) => r.kind)).toEqual(['order_rejected']);
    expect(await place()).toEqual(expected);
    expect(sent()).toBe(1);
  });

  it('a closed position answers as closed on re-delivery', async () => {
    await place();
    f.broker.updatePrice({ symbol: 'XAUUSD', bid: 2651, ask: 2651 });
    const open = row();
    if (open === undefined) throw new Error('not recorded');
    expect(await f.parts.closer.close(open, { by: 'operator', note: null, pluginExit: false })).toMatchObject({
      ok: true,
      value: { pnl: 5 },
    });
    // A closed position has no open profit any more.
    expect(await place()).toMatchObject({
      ok: true,
      value: { id: String(open.id), entryPrice: 2650, unrealizedPnl: 0 },
    });
    expect(sent()).toBe(1);
  });
});

describe('an unknown answer (a timeout) is reconciled by client order id, never resent', () => {
  it('after the broker took it: found and opened', async () => {
    f.broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-after' });
    expect(await place()).toMatchObject({ ok: true, value: { entryPrice: 2650, stopLoss: 2640 } });
    expect(row()).toMatchObject({ state: 'open', broker_trade_id: 'P1' });
    expect(outbox().map((r) => r.kind)).toEqual(['order_unknown', 'entry']);
    expect(sent()).toBe(1);
  });

  it('before the broker saw it: failed, told as unknown once, then as failed', async () => {
    f.broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-before' });
    expect(await place()).toEqual({
      ok: false,
      status: 'unknown',
      code: TradingErrorCode.BrokerUnknown,
      reason:
        'the broker did not confirm the order and has no trade with client order id ord-1; it was not placed and is not resent. Fix: do not retry blindly; send a new alert if the trade is still wanted',
    });
    expect(row()).toMatchObject({ state: 'failed', error_code: TradingErrorCode.OrderFailed });
    expect(await place()).toEqual({
      ok: false,
      status: 'rejected',
      code: TradingErrorCode.OrderFailed,
      reason: row()?.error_reason,
    });
    expect(sent()).toBe(1);
  });

  it('while the broker cannot be asked: stays unknown, says so, and is settled on a later delivery', async () => {
    f.broker.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-after', reason: 'read timeout' });
    f.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before' });
    const first = await place();
    expect(first).toMatchObject({ ok: false, status: 'unknown', code: TradingErrorCode.BrokerUnknown });
    if (first.ok) return;
    expect(first.reason).toMatch(
      /^outcome not confirmed: .*read timeout.*\. Do not retry: the engine reconciles client order id ord-1 with the broker$/,
    );
    expect(row()).toMatchObject({ state: 'unknown', error_code: TradingErrorCode.BrokerUnknown });
    expect(row()?.error_reason).toMatch(/^outcome not confirmed: .*read timeout/);
    f.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before' });
    expect(await place()).toEqual(first);
    expect(await place()).toMatchObject({ ok: true, value: { entryPrice: 2650 } });
    expect(sent()).toBe(1);
  });

  it('a broker call that throws is an unknown answer, not a crash', async () => {
    brokerAnswers(() => Promise.reject(new Error('socket closed')), true);
    expect(await place()).toMatchObject({ ok: true, value: { entryPrice: 2650 } });
    expect(outbox()[0]?.text).toContain('outcome not confirmed: placeMarketOrder threw: socket closed');
  });

  it('a throw that is not an Error is described too', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- some broker SDKs reject with a bare string
    brokerAnswers(() => Promise.reject('ECONNRESET'));
    expect(await place()).toMatchObject({ ok: false, status: 'unknown', code: TradingErrorCode.BrokerUnknown });
    expect(outbox()[0]?.text).toContain('outcome not confirmed: placeMarketOrder threw: ECONNRESET');
    expect(row()?.state).toBe('failed');
  });
});
