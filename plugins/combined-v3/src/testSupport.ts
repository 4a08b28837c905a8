/** Shared fixtures for the combined-v3 tests (not part of the built package). */
import type { EntryAlert, MtfTrends, PlaceDualOrderOptions } from '@zepix/plugin-core';
import { entryAlert } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { afterEach } from 'vitest';
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

const harnesses: PluginHarness<CombinedV3Plugin>[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

/** A combined-v3 plugin on the real engine (closed after each test) whose XAUUSD trends are set. */
export async function setup(config: Record<string, unknown> = {}, trends: MtfTrends = BULLISH) {
  const h = await createPluginHarness(CombinedV3Plugin, { id: 'combined-v3', config, trends: { XAUUSD: trends } });
  harnesses.push(h);
  return { h, plugin: h.plugin };
}

let seeded = 0;
/** Opens a position straight through the engine so exits and reversals have something to close. */
export async function seed(h: PluginHarness<unknown>, direction: 'buy' | 'sell') {
  // Each seed is another alert (the bot numbers them in its journal): the engine opens one alert only once.
  const alert = { ...v3Entry({ direction }), journalId: 1000 + ++seeded };
  const stopLoss = direction === 'buy' ? 2640 : 2660;
  const placed = await h.services.orderExecution.placeOrder({ alert, direction, stopLoss });
  if (!placed.ok) throw new Error(`seed ${direction}: ${placed.reason}`);
}

/** The dual orders the plugin asked for. */
export const dualCalls = (h: PluginHarness<unknown>) =>
  h.callsTo('orderExecution', 'placeDualOrder') as PlaceDualOrderOptions[];
/** Every service call as `service.method`, in order. */
export const methods = (h: PluginHarness<unknown>) => h.calls.map((c) => `${c.service}.${c.method}`);
