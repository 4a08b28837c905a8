import { describe, expect, it } from 'vitest';
import { BaseLogicPlugin } from '../BaseLogicPlugin.js';
import type { EntryAlert } from '../alerts.js';
import type { PluginResult } from '../results.js';
import { entryAlert } from './alertFactories.js';
import { createTestPlugin } from './createTestPlugin.js';

class Buyer extends BaseLogicPlugin {
  async processEntrySignal(alert: EntryAlert): Promise<PluginResult> {
    await this.services.orderExecution.placeOrder({ alert, direction: 'buy' });
    return { status: 'ok', message: 'bought' };
  }
  processExitSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'ok', message: 'exit' });
  }
  processReversalSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'ok', message: 'reversal' });
  }
}

describe('createTestPlugin without services', () => {
  it('fails a trading call with the code, the call and where the engine-backed kit is', async () => {
    const plugin = await createTestPlugin(Buyer, { id: 'buyer' });
    const attempt = plugin.processEntrySignal(entryAlert());
    await expect(attempt).rejects.toMatchObject({ code: 'ZEPIX_PLUGIN_RUNTIME_ERROR' });
    await expect(attempt).rejects.toThrow(
      /plugin "buyer": .*called orderExecution\.placeOrder.*createPluginHarness from @zepix\/testing/,
    );
  });

  it('still gives a clock and a logger', async () => {
    const plugin = await createTestPlugin(Buyer);
    expect(plugin.services.clock.now()).toBeInstanceOf(Date);
    expect(() => plugin.services.logger.info('quiet')).not.toThrow();
  });
});
