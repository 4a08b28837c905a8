import type { Alert, DispatchResult, PluginRegistry } from '@zepix/plugin-core';
import { PluginErrorCode, describeError, isInfoAlert } from '@zepix/plugin-core';
import type { Journal } from '@zepix/journal';
import type { Logger } from 'pino';
import type { Router } from '../routing/Router.js';
import type { TrendStore } from '../trends/TrendStore.js';
import { KeyedQueue } from './KeyedQueue.js';

/** What the dispatcher needs from the running bot. */
export interface DispatcherOptions {
  readonly registry: PluginRegistry;
  readonly journal: Journal;
  readonly router: Router;
  readonly trends: TrendStore;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Called with the alert's price before any plugin sees the alert, so orders fill at it. */
  readonly onPrice?: (symbol: string, price: number) => Promise<unknown>;
  /** Plugins in shadow mode: they also get every alert routed to a live plugin. */
  readonly shadowPlugins?: readonly string[];
}

/**
 * Delivers journaled alerts to plugins after the webhook has answered: in order per (plugin, symbol),
 * concurrently otherwise, each outcome recorded on the journal row; a failed plugin's alert goes to the fallback.
 */
export class Dispatcher {
  readonly #queue = new KeyedQueue();
  readonly #options: DispatcherOptions;
  readonly #now: () => Date;

  constructor(options: DispatcherOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** Alerts waiting or being delivered, counted per plugin call. */
  get pending(): number {
    return this.#queue.size;
  }

  /** Resolves once every queued delivery has finished. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /**
   * Queues one journaled alert for its plugins. `delivered` lists plugins that already have an outcome (after a
   * restart), so they are not called again. Returns when every plugin has answered.
   */
  async dispatch(
    journalId: number,
    alert: Alert,
    delivered: ReadonlySet<string> = new Set(),
  ): Promise<DispatchResult[]> {
    const { registry, router, journal, trends, logger } = this.#options;
    const stamped: Alert = { ...alert, journalId };
    if (isInfoAlert(alert) || alert.kind === 'entry') trends.apply(alert, this.#now());
    await this.#feedPrice(alert);
    const route = router.route(stamped, registry.ids());
    const shadows = route.plugins.length ? (this.#options.shadowPlugins ?? []) : [];
    const targets = [...new Set([...route.plugins, ...shadows])].filter((id) => !delivered.has(id));
    if (route.plugins.length === 0) {
      this.#record(journalId, {
        plugin: '(unrouted)',
        method: 'onInfoSignal',
        status: 'skipped',
        durationMs: 0,
        message: 'no routing rule claims this alert and no fallback_plugin is set',
      });
    }
    const results = await Promise.all(targets.map((id) => this.#deliver(journalId, stamped, id)));
    try {
      journal.markDispatched(journalId);
    } catch (error) {
      logger.error(
        { err: error, journalId },
        'could not mark the alert dispatched; it will be re-delivered on restart',
      );
    }
    return results.flat();
  }

  async #feedPrice(alert: Alert): Promise<void> {
    if (alert.price === undefined || !this.#options.onPrice) return;
    try {
      await this.#options.onPrice(alert.symbol, alert.price);
    } catch (error) {
      // A symbol the broker does not know still reaches plugins: they answer with their own reason.
      this.#options.logger.warn({ err: error, symbol: alert.symbol }, 'alert price not fed to the broker');
    }
  }

  async #deliver(journalId: number, alert: Alert, pluginId: string): Promise<DispatchResult[]> {
    const result = await this.#queue.push(`${pluginId}\u0000${alert.symbol}`, () => this.#call(alert, pluginId));
    this.#record(journalId, result);
    const fallback = this.#options.router.fallbackPlugin;
    if (result.status !== 'failed' || !fallback || fallback === pluginId) return [result];
    const rescued = await this.#queue.push(`${fallback}\u0000${alert.symbol}`, () => this.#call(alert, fallback));
    this.#record(journalId, { ...rescued, data: { ...rescued.data, fallbackFor: pluginId } });
    return [result, rescued];
  }

  async #call(alert: Alert, pluginId: string): Promise<DispatchResult> {
    try {
      return await this.#options.registry.routeAlert(alert, pluginId);
    } catch (error) {
      return {
        plugin: pluginId,
        method: 'onInfoSignal',
        status: 'failed',
        durationMs: 0,
        message: describeError(error),
        error: { code: PluginErrorCode.NotFound, message: describeError(error) },
      };
    }
  }

  #record(journalId: number, result: DispatchResult): void {
    try {
      this.#options.journal.recordOutcome({
        alertId: journalId,
        plugin: result.plugin,
        status: result.status,
        message: result.message,
        durationMs: Math.round(result.durationMs * 1000) / 1000,
        ...(result.error ? { errorCode: result.error.code } : {}),
        ...(result.data ? { data: result.data } : {}),
      });
    } catch (error) {
      this.#options.logger.error({ err: error, journalId, plugin: result.plugin }, 'could not record a plugin outcome');
    }
  }
}
