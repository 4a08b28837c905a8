import { beforeEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { orderExecutionFor } from './orderExecution.js';
import { alert, partsEachTest } from './testSupport.js';

const f = partsEachTest();
let id: string;

beforeEach(async () => {
  const placed = await orders().placeOrder({
    alert: alert(),
    direction: 'buy',
    lots: 0.1,
    stopLoss: 2640,
    takeProfit: 2670,
  });
  if (!placed.ok) throw new Error(placed.reason);
  id = placed.value.id;
});

const orders = (plugin = 'alpha') => orderExecutionFor(f.parts, plugin);
const stored = () => f.parts.ctx.positions.byId(Number(id));
const notFound = (plugin: string, positionId: string) => ({
  ok: false,
  status: 'rejected',
  code: TradingErrorCode.NotFound,
  reason: `plugin "${plugin}" has no open position ${positionId}. Fix: pass the id of one of its open positions`,
});

describe('moving SL and TP (modifyPosition)', () => {
  it('moves both at the broker, records them and answers the position with them', async () => {
    f.parts.ctx.quotes.update({ symbol: 'XAUUSD', bid: 2651, ask: 2651, time: '2026-03-02T10:00:00.000Z' });
    const answer = await orders().modifyPosition({ positionId: id, stopLoss: 2645, takeProfit: 2680 });
    expect(answer).toMatchObject({
      ok: true,
      value: { id, stopLoss: 2645, takeProfit: 2680, entryPrice: 2650, unrealizedPnl: 10 },
    });
    expect(stored()).toMatchObject({ stop_loss: 2645, take_profit: 2680 });
  });

  it('moves only the level it is given and keeps the other', async () => {
    const requests: object[] = [];
    const modify = f.broker.modifyTrade.bind(f.broker);
    f.broker.modifyTrade = (request) => {
      requests.push(request);
      return modify(request);
    };
    await orders().modifyPosition({ positionId: id, stopLoss: 2645 });
    expect(stored()).toMatchObject({ stop_loss: 2645, take_profit: 2670 });
    await orders().modifyPosition({ positionId: id, takeProfit: 2660 });
    expect(stored()).toMatchObject({ stop_loss: 2645, take_profit: 2660 });
    // The broker is sent only the level that moves (no key at all for the other).
    expect(requests).toStrictEqual([
      { tradeId: 'P1', stopLoss: 2645 },
      { tradeId: 'P1', takeProfit: 2660 },
    ]);
  });

  it('refuses a position that is not the plugin’s, not open, or not there', async () => {
    expect(await orders('beta').modifyPosition({ positionId: id, stopLoss: 2645 })).toEqual(notFound('beta', id));
    expect(await orders().modifyPosition({ positionId: '77', stopLoss: 2645 })).toEqual(notFound('alpha', '77'));
    const row = stored();
    if (row === undefined) throw new Error('not stored');
    await f.parts.closer.close(row, { by: 'operator', note: null, pluginExit: false });
    expect(await orders().modifyPosition({ positionId: id, stopLoss: 2645 })).toEqual(notFound('alpha', id));
  });

  it('answers a broker refusal as rejected and keeps the levels', async () => {
    // A buy's SL above the bid is refused by the broker.
    const answer = await orders().modifyPosition({ positionId: id, stopLoss: 2655 });
    expect(answer).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.ModifyFailed });
    if (answer.ok) return;
    expect(answer.reason).toMatch(
      new RegExp(
        `^broker "paper" did not modify position ${id}: .+\\. Fix: check the levels against the current price and retry$`,
      ),
    );
    expect(stored()).toMatchObject({ stop_loss: 2640, take_profit: 2670 });
  });

  it('answers an unconfirmed modify, and one that throws, as unknown', async () => {
    f.broker.injectFault({ method: 'modifyTrade', outcome: 'unknown-before', reason: 'gateway timeout' });
    const lost = await orders().modifyPosition({ positionId: id, stopLoss: 2645 });
    expect(lost).toMatchObject({ ok: false, status: 'unknown', code: TradingErrorCode.ModifyFailed });
    expect(!lost.ok && lost.reason).toContain('gateway timeout');
    const modify = f.broker.modifyTrade.bind(f.broker);
    f.broker.modifyTrade = () => Promise.reject(new Error('socket closed'));
    const thrown = await orders().modifyPosition({ positionId: id, stopLoss: 2645 });
    expect(thrown).toMatchObject({ ok: false, status: 'unknown', reason: expect.stringContaining('socket closed') });
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- some broker SDKs reject with a bare string
    f.broker.modifyTrade = () => Promise.reject('EPIPE');
    expect(await orders().modifyPosition({ positionId: id, stopLoss: 2645 })).toMatchObject({
      ok: false,
      status: 'unknown',
      reason: expect.stringContaining('EPIPE'),
    });
    f.broker.modifyTrade = modify;
    expect(stored()).toMatchObject({ stop_loss: 2640 });
  });
});
