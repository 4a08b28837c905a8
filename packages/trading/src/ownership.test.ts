import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { alert, harness } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.cleanup();
});

async function open(plugin: string, direction: 'buy' | 'sell' = 'buy', symbol = 'XAUUSD') {
  const result = await h.engine.servicesFor(plugin).orderExecution.placeOrder({ alert: alert({ symbol }), direction });
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.value;
}

describe('ownership', () => {
  it("closes only the calling plugin's positions", async () => {
    await open('alpha');
    await open('alpha', 'sell');
    const beta = await open('beta');
    const result = await h.engine
      .servicesFor('alpha')
      .orderExecution.closePositions({ symbol: 'XAUUSD', reason: 'exit alert' });
    expect(result.ok && result.value.closed).toHaveLength(2);
    const betaRow = h.engine.listTrades({ plugin: 'beta' })[0];
    expect(betaRow).toMatchObject({ id: beta.id, state: 'open' });
    expect(h.engine.listTrades({ plugin: 'alpha', state: 'closed' }).every((t) => t.closedBy === 'alpha')).toBe(true);
  });

  it('closes by direction only', async () => {
    await open('alpha', 'buy');
    const sell = await open('alpha', 'sell');
    await h.engine
      .servicesFor('alpha')
      .orderExecution.closePositions({ symbol: 'XAUUSD', direction: 'buy', reason: 'bearish exit' });
    expect(h.engine.listTrades({ state: 'open' }).map((t) => t.id)).toEqual([sell.id]);
  });

  it('shows each plugin only its own open positions', async () => {
    await open('alpha');
    await open('beta');
    await open('beta', 'buy', 'EURUSD');
    const alpha = await h.engine.servicesFor('alpha').orderExecution.getOpenPositions();
    const beta = await h.engine.servicesFor('beta').orderExecution.getOpenPositions({ symbol: 'EURUSD' });
    expect(alpha.map((p) => p.plugin)).toEqual(['alpha']);
    expect(beta.map((p) => [p.plugin, p.symbol])).toEqual([['beta', 'EURUSD']]);
  });

  it("refuses to modify or chain another plugin's position", async () => {
    const beta = await open('beta');
    const alpha = h.engine.servicesFor('alpha');
    expect(await alpha.orderExecution.modifyPosition({ positionId: beta.id, stopLoss: 2600 })).toMatchObject({
      ok: false,
      code: TradingErrorCode.NotFound,
    });
    expect(await alpha.profitBooking.startChain({ positionId: beta.id })).toMatchObject({
      ok: false,
      code: TradingErrorCode.NotFound,
    });
    const own = await h.engine
      .servicesFor('beta')
      .orderExecution.modifyPosition({ positionId: beta.id, stopLoss: 2600, takeProfit: 2700 });
    expect(own).toMatchObject({ ok: true, value: { stopLoss: 2600, takeProfit: 2700 } });
  });

  it('counts each plugin against its own open-trade limit', async () => {
    const limited = await harness({ config: { risk: { max_open_trades_per_plugin: 1 } } });
    try {
      await limited.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
      const second = await limited.engine
        .servicesFor('alpha')
        .orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
      const other = await limited.engine
        .servicesFor('beta')
        .orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
      expect(second).toMatchObject({ ok: false, code: TradingErrorCode.MaxOpen });
      expect(other.ok).toBe(true);
    } finally {
      await limited.cleanup();
    }
  });

  it('records operator close-all as owned by the operator and pauses trading', async () => {
    await open('alpha');
    await open('beta');
    const result = await h.engine.closeAll({ reason: 'panic' });
    expect(result).toEqual({ closed: 2, failed: 0 });
    expect(h.engine.listTrades().every((t) => t.closedBy === 'operator')).toBe(true);
    expect(h.engine.riskState()).toMatchObject({ paused: true, pauseReason: 'operator close-all: panic' });
    const refused = await h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.Paused });
    expect(h.engine.outbox.pending(50).map((r) => r.kind)).toContain('close_all');
  });
});
