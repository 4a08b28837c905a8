/** Shared fixtures for the trend-logic tests (not part of the built package). */
import type { MtfTrends, PlaceDualOrderOptions, PlaceOrderOptions } from '@zepix/plugin-core';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { afterEach } from 'vitest';
import { TrendLogicPlugin } from './TrendLogicPlugin.js';

/** 15m, 1h and 1d bullish: every logic may buy. */
export const BULLISH: MtfTrends = { 15: 1, 60: 1, 1440: 1 };
/** 15m, 1h and 1d bearish: every logic may sell. */
export const BEARISH: MtfTrends = { 15: -1, 60: -1, 1440: -1 };

/**
 * Single orders and a 150/15-pip base SL: the round figures these unit tests were written with (the original's
 * dual orders and 1500/150-pip table are the defaults, checked in config.test.ts and end to end).
 */
const UNIT_BASELINE = { orders: { mode: 'single' }, stop_loss: { forex_pips: 15, metals_pips: 150, symbols: {} } };

const harnesses: PluginHarness<TrendLogicPlugin>[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

/** A trend-logic plugin on the real engine (closed after each test) with XAUUSD and EURUSD trends set. */
export async function setup(overrides: Record<string, unknown> = {}, trends: MtfTrends = BULLISH) {
  const config = { ...UNIT_BASELINE, ...overrides };
  const h = await createPluginHarness(TrendLogicPlugin, {
    id: 'trend-logic',
    config,
    now: '2025-01-06T10:00:00Z',
    trends: { XAUUSD: trends, EURUSD: trends },
  });
  harnesses.push(h);
  return { h, plugin: h.plugin };
}

/** The single orders the plugin asked for. */
export const orderCalls = (h: PluginHarness<unknown>) =>
  h.callsTo('orderExecution', 'placeOrder') as PlaceOrderOptions[];
/** The dual orders the plugin asked for. */
export const dualCalls = (h: PluginHarness<unknown>) =>
  h.callsTo('orderExecution', 'placeDualOrder') as PlaceDualOrderOptions[];
/** Every service call as `service.method`, in order. */
export const methods = (h: PluginHarness<unknown>) => h.calls.map((c) => `${c.service}.${c.method}`);
