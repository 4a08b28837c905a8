import { afterEach, describe, expect, it } from 'vitest';
import { BaseLogicPlugin } from '@zepix/plugin-core';
import type { PluginResult } from '@zepix/plugin-core';
import { mockServices } from '@zepix/plugin-core/testing';
import { createPluginHarness } from './createPluginHarness.js';
import type { PluginHarness } from './createPluginHarness.js';

/** The smallest plugin, so a test can reach the services the harness builds. */
class TemplatePluginStandIn extends BaseLogicPlugin {
  processEntrySignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'stand-in' });
  }
  processExitSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'stand-in' });
  }
  processReversalSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'stand-in' });
  }
}

let h: PluginHarness<TemplatePluginStandIn>;
afterEach(async () => {
  await h.close();
});

// `mockServices` stays for tests that only record calls; its symbol specs must be the engine's.
describe('mockServices against the real engine', () => {
  it.each(['XAUUSD', 'EURUSD', 'GBPUSD', 'NZDUSD', 'AUDUSD', 'USDJPY', 'GBPJPY'])(
    'answers the engine symbol spec for %s',
    async (symbol) => {
      h = await createPluginHarness(TemplatePluginStandIn);
      const engine = await h.plugin.services.market.getSymbolSpec({ symbol });
      const mock = await mockServices().market.getSymbolSpec({ symbol });
      expect(mock).toEqual(engine);
    },
  );
});
