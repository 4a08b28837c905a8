import { describe, expect, it } from 'vitest';
import { closeSide, serviceFailure } from './closeSide.js';
import { entryAlert } from './testing/alertFactories.js';
import { mockServices } from './testing/mockServices.js';

describe('closeSide', () => {
  it('stops chains and monitors on the symbol, then closes only that side', async () => {
    const services = mockServices();
    await services.orderExecution.placeOrder({ alert: entryAlert(), direction: 'buy' });
    await services.orderExecution.placeOrder({ alert: entryAlert(), direction: 'sell' });
    const result = await closeSide(services, { symbol: 'XAUUSD', side: 'buy', reason: 'exit alert' });
    expect(result).toEqual({ ok: true, outcome: { closed: ['pos-1'], stoppedChains: 0, cancelledMonitors: 0 } });
    expect(services.positions.map((p) => p.direction)).toEqual(['sell']);
    expect(services.calls.map((c) => c.method).slice(2)).toEqual(['stopChains', 'cancelMonitors', 'closePositions']);
  });

  it('turns a refused close into a rejected result, an unconfirmed one into a failure', () => {
    expect(serviceFailure({ ok: false, status: 'rejected', code: 'X', reason: 'paused' }, 'Could not close')).toEqual({
      status: 'rejected',
      message: 'Could not close: paused (X).',
      data: { code: 'X' },
    });
    expect(
      serviceFailure({ ok: false, status: 'unknown', code: 'Y', reason: 'timeout' }, 'Could not close').status,
    ).toBe('failed');
  });
});
