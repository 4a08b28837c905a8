import { expect, vi } from 'vitest';
import { isBrokerRejection } from '../index.js';
import type { BrokerEvent, BrokerResult, MarketOrderRequest, TradeClose } from '../index.js';
import type { ConformanceSubject } from './subject.js';

/** The market every test starts from: EURUSD 1.10000 / 1.10020. */
export const START = { symbol: 'EURUSD', bid: 1.1, ask: 1.1002 } as const;

/** Long enough for a stream to reconnect and catch up on a busy CI machine; the kit never measures speed. */
export const WAIT = { timeout: 10_000, interval: 20 } as const;

/** The value of an ok answer; fails the test with the whole answer otherwise. */
export function expectOk<T>(result: BrokerResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.value;
}

/** A 0.1-lot EURUSD buy with a 50-pip stop and a 50-pip target around the starting ask. */
export function buy(clientOrderId: string, overrides: Partial<MarketOrderRequest> = {}): MarketOrderRequest {
  return {
    clientOrderId,
    symbol: 'EURUSD',
    direction: 'buy',
    lots: 0.1,
    stopLoss: 1.0952,
    takeProfit: 1.1052,
    ...overrides,
  };
}

/** Every event the broker emits from now on, to assert on later. */
export function recordEvents(subject: ConformanceSubject): BrokerEvent[] {
  const events: BrokerEvent[] = [];
  subject.broker.onEvent((event) => events.push(event));
  return events;
}

/** Waits for the broker to report a close of `tradeId` with `reason`, and returns it. */
export async function closeReported(
  events: readonly BrokerEvent[],
  tradeId: string,
  reason: TradeClose['reason'],
): Promise<TradeClose> {
  return vi.waitFor(() => {
    const close = events.find(
      (event): event is Extract<BrokerEvent, { type: 'trade_closed' }> =>
        event.type === 'trade_closed' && event.close.tradeId === tradeId && event.close.reason === reason,
    );
    if (close === undefined) throw new Error(`no ${reason} close of trade ${tradeId} reported yet`);
    return close.close;
  }, WAIT);
}

/** Realised P/L of an EURUSD close (USD-quoted, so price difference × units), to the cent. */
export function expectEurUsdPnl(close: TradeClose): void {
  const sign = close.direction === 'buy' ? 1 : -1;
  const expected = (close.closePrice - close.openPrice) * sign * close.closedLots * 100_000;
  expect(close.realizedPnl).toBeCloseTo(expected, 2);
}

/** Fails unless `answer` is a refusal with a code and a reason a person can read. */
export function expectRejected(answer: BrokerResult<unknown>): void {
  expect(answer.ok ? undefined : answer.error.code).toBe('ZEPIX_BROKER_REJECTED');
  if (!isBrokerRejection(answer)) return;
  expect(answer.error.brokerCode).toMatch(/\S/);
  expect(answer.error.message.length).toBeGreaterThan(5);
}

/** Waits for a price event of `symbol` at `bid`. */
export async function priceReported(events: readonly BrokerEvent[], symbol: string, bid: number): Promise<void> {
  await vi.waitFor(() => {
    expect(events.some((e) => e.type === 'price' && e.tick.symbol === symbol && e.tick.bid === bid)).toBe(true);
  }, WAIT);
}
