import { expect, it } from 'vitest';
import { buy, closeReported, expectOk, priceReported, recordEvents } from './kitSupport.js';
import type { SubjectRef } from './describeBrokerConformance.js';

/** Ambiguous outcomes, throttling, server errors and lost streams. */
export function faultCases(current: SubjectRef): void {
  it('answers unknown for an order whose answer was lost, and reconciliation finds the trade', async (ctx) => {
    const subject = current();
    if (!subject.faults.includes('timeout-after-commit')) return ctx.skip('no timeout-after-commit fault');
    await subject.inject({ kind: 'timeout-after-commit' });
    const answer = await subject.broker.placeMarketOrder(buy('conf-timeout-1'));
    expect(answer.ok ? 'ok' : answer.error.code).toBe('ZEPIX_BROKER_UNKNOWN');
    const found = expectOk(await subject.broker.findByClientOrderId('conf-timeout-1'));
    expect(found?.clientOrderId).toBe('conf-timeout-1');
    const open = expectOk(await subject.broker.openTrades());
    expect(open).toHaveLength(1);
  });

  it('waits out 429 on an order and fills it exactly once', async (ctx) => {
    const subject = current();
    if (!subject.faults.includes('http-status')) return ctx.skip('no http-status fault');
    await subject.inject({ kind: 'http-status', status: 429, requests: 'orders', count: 2 });
    const trade = expectOk(await subject.broker.placeMarketOrder(buy('conf-429-1')));
    expect(trade.clientOrderId).toBe('conf-429-1');
    expect(expectOk(await subject.broker.openTrades())).toHaveLength(1);
  });

  it('retries reads through 429 and 503', async (ctx) => {
    const subject = current();
    if (!subject.faults.includes('http-status')) return ctx.skip('no http-status fault');
    await subject.inject({ kind: 'http-status', status: 503, requests: 'reads', count: 1 });
    await subject.inject({ kind: 'http-status', status: 429, requests: 'reads', count: 1 });
    expect(expectOk(await subject.broker.openTrades())).toEqual([]);
    expect(expectOk(await subject.broker.accountSummary()).currency).toBe('USD');
  });

  it('never opens two trades for an order met by a 503', async (ctx) => {
    const subject = current();
    if (!subject.faults.includes('http-status')) return ctx.skip('no http-status fault');
    await subject.inject({ kind: 'http-status', status: 503, requests: 'orders', count: 1 });
    const answer = await subject.broker.placeMarketOrder(buy('conf-503-1'));
    expect(['ok', 'ZEPIX_BROKER_UNKNOWN']).toContain(answer.ok ? 'ok' : answer.error.code);
    // The caller reconciles an unknown by asking, then may resend with the same id: still one trade at most.
    if (expectOk(await subject.broker.findByClientOrderId('conf-503-1')) === undefined) {
      expectOk(await subject.broker.placeMarketOrder(buy('conf-503-1')));
    }
    const open = expectOk(await subject.broker.openTrades());
    expect(open.filter((t) => t.clientOrderId === 'conf-503-1')).toHaveLength(1);
  });

  it('reconnects a dropped stream and reports the fill it missed', async (ctx) => {
    const subject = current();
    if (!subject.faults.includes('drop-streams')) return ctx.skip('this broker has no streams to drop');
    const events = recordEvents(subject);
    const trade = expectOk(await subject.broker.placeMarketOrder(buy('conf-drop-1')));
    await subject.inject({ kind: 'drop-streams' });
    await subject.setPrice({ symbol: 'EURUSD', bid: 1.0952, ask: 1.0954 });
    const close = await closeReported(events, trade.tradeId, 'sl');
    expect(close.clientOrderId).toBe('conf-drop-1');
    await subject.setPrice({ symbol: 'EURUSD', bid: 1.1031, ask: 1.1033 });
    await priceReported(events, 'EURUSD', 1.1031);
  });
}
