import { PaperBroker } from '@zepix/paper-broker';
import { SymbolBook } from '@zepix/symbols';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineMetrics } from './EngineMetrics.js';
import { measuredBroker } from './instrument.js';

let paper: PaperBroker;
let metrics: EngineMetrics;

beforeEach(() => {
  paper = PaperBroker.open({ path: ':memory:', symbols: new SymbolBook() });
  paper.updatePrice({ symbol: 'EURUSD', mid: 1.1 });
  metrics = new EngineMetrics();
});

afterEach(async () => {
  await paper.close();
});

const order = (clientOrderId: string) => ({ clientOrderId, symbol: 'EURUSD', direction: 'buy' as const, lots: 0.1 });

async function errorCounts(): Promise<Record<string, number>> {
  const metric = await metrics.registry.getSingleMetric('zepix_broker_errors_total')?.get();
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [`${String(v.labels.operation)} ${String(v.labels.code)}`, v.value]),
  );
}

async function outcomes(): Promise<Record<string, number>> {
  const metric = await metrics.registry.getSingleMetric('zepix_broker_request_seconds')?.get();
  return Object.fromEntries(
    (metric?.values ?? [])
      .filter((v) => 'metricName' in v && v.metricName === 'zepix_broker_request_seconds_count')
      .map((v) => [`${String(v.labels.operation)} ${String(v.labels.outcome)}`, v.value]),
  );
}

describe('measuredBroker', () => {
  it('counts a refusal under the broker code and an unanswered call as unknown, not as ok', async () => {
    const broker = measuredBroker(paper, metrics);
    expect((await broker.placeMarketOrder(order('a'))).ok).toBe(true);
    paper.injectFault({ method: 'placeMarketOrder', outcome: 'rejected', code: 'NO_MONEY', reason: 'margin' });
    expect((await broker.placeMarketOrder(order('b'))).ok).toBe(false);
    paper.injectFault({ method: 'placeMarketOrder', outcome: 'unknown-before' });
    expect((await broker.placeMarketOrder(order('c'))).ok).toBe(false);

    expect(await outcomes()).toEqual({
      'placeMarketOrder ok': 1,
      'placeMarketOrder rejected': 1,
      'placeMarketOrder unknown': 1,
    });
    expect(await errorCounts()).toEqual({
      'placeMarketOrder NO_MONEY': 1,
      'placeMarketOrder ZEPIX_BROKER_UNKNOWN': 1,
    });
  });

  it('passes properties through, so the engine still sees an in-process broker', () => {
    expect(measuredBroker(paper, metrics).inProcess).toBe(true);
    expect(measuredBroker(paper, metrics).name).toBe('paper');
  });
});
