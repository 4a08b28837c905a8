import { afterEach, describe, expect, it } from 'vitest';
import { entryAlert, expectValidPluginPackage, exitAlert, reversalAlert } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import * as pluginModule from './index.js';
import { TemplatePlugin } from './TemplatePlugin.js';

// Each test runs the plugin on the real trading engine over an in-memory paper broker: what it does here is what
// the bot would do. Close the harness after each test.
let h: PluginHarness<TemplatePlugin> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: Parameters<typeof createPluginHarness>[1] = {}) {
  h = await createPluginHarness(TemplatePlugin, options);
  return h;
}

describe('TemplatePlugin', () => {
  it('is a valid Zepix plugin package', () => {
    expectValidPluginPackage({ packageDir: new URL('..', import.meta.url), module: pluginModule });
  });

  it('is disabled unless the config enables it', async () => {
    const { plugin } = await start();
    expect(TemplatePlugin.defaultEnabled).toBe(false);
    expect(plugin.config.trading_settings).toEqual({
      max_concurrent_trades: 3,
      risk_per_trade: 0.01,
      enabled_symbols: ['XAUUSD', 'EURUSD'],
    });
    expect(plugin.config.notification_settings.tag).toBe('[TEMPLATE]');
  });

  it('describes what it would do for entry, exit and reversal, and places no order', async () => {
    const { plugin, trades } = await start();
    const entry = await plugin.processEntrySignal(entryAlert({ direction: 'sell', price: 2651.5 }));
    expect(entry).toMatchObject({ status: 'ok', data: { action: 'would-open', direction: 'sell' } });
    expect(entry.message).toBe('[TEMPLATE] entry sell XAUUSD 5m at 2651.5');
    const exit = await plugin.processExitSignal(exitAlert({ closeSide: 'sell' }));
    expect(exit.message).toContain('would close sell positions on XAUUSD');
    const reversal = await plugin.processReversalSignal(reversalAlert({ direction: 'buy' }));
    expect(reversal.message).toContain('close sell positions on XAUUSD and open buy');
    expect(trades()).toEqual([]);
  });

  it('refuses symbols outside enabled_symbols', async () => {
    const { plugin } = await start({ config: { trading_settings: { enabled_symbols: ['EURUSD'] } } });
    expect(plugin.validateAlert(entryAlert({ symbol: 'XAUUSD' }))).toEqual({
      ok: false,
      reason: 'XAUUSD is not in trading_settings.enabled_symbols (EURUSD)',
    });
  });

  it('reports every config problem at once with its path', async () => {
    await expect(
      createPluginHarness(TemplatePlugin, {
        id: 'template',
        config: { trading_settings: { risk_per_trade: 5, max_concurrent_trades: 0 }, surprise: true },
      }),
    ).rejects.toThrow(
      /plugins\.template\.trading_settings\.max_concurrent_trades[\s\S]*plugins\.template\.trading_settings\.risk_per_trade[\s\S]*surprise/,
    );
  });
});
