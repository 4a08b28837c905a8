import { afterEach, describe, expect, it } from 'vitest';
import { BaseLogicPlugin, closeSide } from '@zepix/plugin-core';
import type { PluginResult } from '@zepix/plugin-core';
import { entryAlert } from '@zepix/plugin-core/testing';
import { createPluginHarness } from './createPluginHarness.js';
import type { PluginHarness } from './createPluginHarness.js';

/** A plugin that does nothing itself: the test drives plugin-core's closeSide helper through its services. */
class Idle extends BaseLogicPlugin {
  processEntrySignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'idle' });
  }
  processExitSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'idle' });
  }
  processReversalSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'idle' });
  }
}

let h: PluginHarness<Idle>;
afterEach(async () => {
  await h.close();
});

// plugin-core cannot run its own helper on the engine (the engine depends on it), so the kit checks it here.
describe("plugin-core's closeSide on the real engine", () => {
  it('stops chains and monitors on the symbol, then closes only that side', async () => {
    h = await createPluginHarness(Idle);
    const buy = await h.services.orderExecution.placeOrder({
      alert: entryAlert({ direction: 'buy', price: 2650 }),
      direction: 'buy',
      stopLoss: 2640,
    });
    await h.services.orderExecution.placeOrder({
      alert: entryAlert({ direction: 'sell', price: 2650 }),
      direction: 'sell',
      stopLoss: 2660,
    });
    const result = await closeSide(h.services, { symbol: 'XAUUSD', side: 'buy', reason: 'exit alert' });
    expect(result).toEqual({
      ok: true,
      outcome: { closed: [buy.ok ? buy.value.id : 'none'], stoppedChains: 0, cancelledMonitors: 0 },
    });
    expect((await h.positions()).map((p) => p.direction)).toEqual(['sell']);
    expect(h.calls.map((c) => c.method).slice(2)).toEqual(['stopChains', 'cancelMonitors', 'closePositions']);
  });
});
