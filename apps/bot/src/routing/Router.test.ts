import { entryAlert, exitAlert, trendAlert } from '@zepix/plugin-core/testing';
import { describe, expect, it } from 'vitest';
import { Router } from './Router.js';

const loaded = ['combined-v3', 'trend-logic', 'catch-all'];

describe('Router', () => {
  it('sends every alert to every plugin when there are no rules and no fallback', () => {
    expect(new Router([], null).route(entryAlert(), loaded)).toEqual({ plugins: loaded, reason: 'broadcast' });
    expect(new Router([], null).route(entryAlert(), [])).toEqual({ plugins: [], reason: 'unrouted' });
  });

  it('honours an explicit plugin field first', () => {
    const router = new Router([{ plugins: ['trend-logic'] }], 'catch-all');
    expect(router.route(entryAlert({ plugin: 'combined-v3' }), loaded)).toEqual({
      plugins: ['combined-v3'],
      reason: 'explicit',
    });
  });

  it('matches family, kind, strategy, symbol and timeframe, and unions the plugins of every matching rule', () => {
    const router = new Router(
      [
        { plugins: ['combined-v3'], family: 'v3' },
        { plugins: ['trend-logic'], family: 'legacy', timeframe: [5, 15, 60] },
        { plugins: ['catch-all'], symbol: 'XAUUSD', kind: ['exit', 'reversal'] },
        { plugins: ['combined-v3'], strategy: 'Golden_Pocket_Flip' },
      ],
      null,
    );
    expect(router.route(entryAlert({ family: 'v3', timeframe: 240 }), loaded).plugins).toEqual(['combined-v3']);
    expect(router.route(entryAlert({ timeframe: 15 }), loaded).plugins).toEqual(['trend-logic']);
    expect(router.route(exitAlert({ timeframe: 15 }), loaded).plugins).toEqual(['trend-logic', 'catch-all']);
    expect(router.route(entryAlert({ timeframe: 1440, signalType: 'Golden_Pocket_Flip' }), loaded).plugins).toEqual([
      'combined-v3',
    ]);
  });

  it('gives what no rule claims to the fallback plugin, or leaves it unrouted', () => {
    const rules = [{ plugins: ['combined-v3'], family: 'v3' as const }];
    expect(new Router(rules, 'catch-all').route(trendAlert(), loaded)).toEqual({
      plugins: ['catch-all'],
      reason: 'fallback',
    });
    expect(new Router(rules, null).route(trendAlert(), loaded)).toEqual({ plugins: [], reason: 'unrouted' });
    expect(new Router([], 'catch-all').route(entryAlert(), loaded)).toEqual({
      plugins: ['catch-all'],
      reason: 'fallback',
    });
  });
});
