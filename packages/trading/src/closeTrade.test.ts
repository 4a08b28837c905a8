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

async function openOne(): Promise<string> {
  const result = await h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.value.id;
}

describe('operator closeTrade', () => {
  it('answers the closed position and its realised P/L', async () => {
    const id = await openOne();
    const outcome = await h.engine.closeTrade({ id, reason: 'operator test' });
    expect(outcome).toMatchObject({ ok: true, value: { positionId: Number(id) } });
    expect(outcome.ok && typeof outcome.value.pnl).toBe('number');
  });

  it('answers a coded error for a position that is not open', async () => {
    expect(await h.engine.closeTrade({ id: '999', reason: 'operator test' })).toMatchObject({
      ok: false,
      error: { code: TradingErrorCode.NotFound, positionId: 999, status: 'rejected', message: /no open position/ },
    });
  });

  it('keeps an unconfirmed close apart from a refusal', async () => {
    const id = await openOne();
    h.broker.injectFault({ method: 'closeTrade', outcome: 'unknown-before' });
    h.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before' });
    expect(await h.engine.closeTrade({ id, reason: 'operator test' })).toMatchObject({
      ok: false,
      error: { code: TradingErrorCode.CloseFailed, positionId: Number(id), status: 'unknown' },
    });
  });
});
