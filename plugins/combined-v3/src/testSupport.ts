/** Shared fixtures for the combined-v3 tests (not part of the built package). */
import type { EntryAlert, MtfTrends, PlaceDualOrderOptions } from '@zepix/plugin-core';
import { createTestPlugin, entryAlert, mockServices } from '@zepix/plugin-core/testing';
import type { MockServices } from '@zepix/plugin-core/testing';
import { CombinedV3Plugin } from './CombinedV3Plugin.js';

/** All four V3 pillars bullish. */
export const BULLISH: MtfTrends = { 15: 1, 60: 1, 240: 1, 1440: 1 };
/** All four V3 pillars bearish. */
export const BEARISH: MtfTrends = { 15: -1, 60: -1, 240: -1, 1440: -1 };

/** A V3 entry that passes every filter by default: 15m Momentum_Breakout buy, consensus 6, full levels. */
export function v3Entry(overrides: Partial<Omit<EntryAlert, 'kind'>> = {}): EntryAlert {
  return entryAlert({
    family: 'v3',
    signalType: 'Momentum_Breakout',
    timeframe: 15,
    direction: 'buy',
    price: 2650,
    consensusScore: 6,
    levels: { sl: 2640, tp1: 2660, tp2: 2670 },
    ...overrides,
  });
}

/** A combined-v3 plugin on mock services whose XAUUSD trends are set. */
export async function setup(config: Record<string, unknown> = {}, trends: MtfTrends = BULLISH) {
  const services = mockServices({ plugin: 'combined-v3' });
  services.setTrends('XAUUSD', trends);
  const plugin = await createTestPlugin(CombinedV3Plugin, { id: 'combined-v3', services, config });
  return { services, plugin };
}

/** Opens a position straight through the mock so exits and reversals have something to close. */
export async function seed(services: MockServices, direction: 'buy' | 'sell') {
  await services.orderExecution.placeOrder({ alert: v3Entry(), direction });
}

/** The dual orders the plugin asked for. */
export const dualCalls = (services: MockServices) =>
  services.callsTo('orderExecution', 'placeDualOrder') as PlaceDualOrderOptions[];
/** Every service call as `service.method`, in order. */
export const methods = (services: MockServices) => services.calls.map((c) => `${c.service}.${c.method}`);
