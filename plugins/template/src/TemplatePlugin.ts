import { BaseLogicPlugin } from '@zepix/plugin-core';
import type { Alert, AlertValidation, EntryAlert, ExitAlert, PluginResult, ReversalAlert } from '@zepix/plugin-core';
import { templateConfigSchema } from './config.js';
import type { TemplateConfig } from './config.js';

/**
 * A logic plugin that trades nothing: it checks the symbol against its settings, logs each signal and says what
 * a real strategy would do. Copy it with `zepix new-plugin <id>` and replace the three methods.
 */
export class TemplatePlugin extends BaseLogicPlugin<TemplateConfig> {
  // Typed through the import, so the emitted .d.ts names it without reaching into zod's install path (TS2742
  // in a standalone package, where pnpm keeps zod under node_modules/.pnpm).
  static override configSchema: typeof templateConfigSchema = templateConfigSchema;
  static override defaultEnabled = false;

  override validateAlert(alert: Alert): AlertValidation {
    const symbols = this.config.trading_settings.enabled_symbols;
    if (!symbols.includes(alert.symbol)) {
      return {
        ok: false,
        reason: `${alert.symbol} is not in trading_settings.enabled_symbols (${symbols.join(', ')})`,
      };
    }
    return { ok: true };
  }

  processEntrySignal(alert: EntryAlert): Promise<PluginResult> {
    const { tag } = this.config.notification_settings;
    const message = `${tag} entry ${alert.direction} ${alert.symbol} ${alert.timeframe}m at ${alert.price ?? 'market'}`;
    this.logger.info({ symbol: alert.symbol, direction: alert.direction }, message);
    return Promise.resolve({
      status: 'ok',
      message,
      data: {
        action: 'would-open',
        direction: alert.direction,
        riskPerTrade: this.config.trading_settings.risk_per_trade,
      },
    });
  }

  processExitSignal(alert: ExitAlert): Promise<PluginResult> {
    const { tag } = this.config.notification_settings;
    const message = `${tag} exit: would close ${alert.closeSide} positions on ${alert.symbol}`;
    this.logger.info({ symbol: alert.symbol, closeSide: alert.closeSide }, message);
    return Promise.resolve({ status: 'ok', message, data: { action: 'would-close', side: alert.closeSide } });
  }

  processReversalSignal(alert: ReversalAlert): Promise<PluginResult> {
    const { tag } = this.config.notification_settings;
    const opposite = alert.direction === 'buy' ? 'sell' : 'buy';
    const message = `${tag} reversal: would close ${opposite} positions on ${alert.symbol} and open ${alert.direction}`;
    this.logger.info({ symbol: alert.symbol, direction: alert.direction }, message);
    return Promise.resolve({ status: 'ok', message, data: { action: 'would-reverse', direction: alert.direction } });
  }
}
