import type { Alert, DispatchResult, PluginRegistry } from '@zepix/plugin-core';
import { isInfoAlert } from '@zepix/plugin-core';
import type { Journal } from '@zepix/journal';
import type { Logger } from 'pino';
import type { Router } from '../routing/Router.js';
import type { TrendStore } from '../trends/TrendStore.js';
import { KeyedQueue } from './KeyedQueue.js';
import { DEFAULT_RETRY, PluginCaller } from './PluginCaller.js';
import type { RetryPolicy } from './PluginCaller.js';

/** What the dispatcher needs from the running bot. */
export interface DispatcherOptions {
  readonly registry: PluginRegistry;
  /** Where outcomes and dispatch marks go (the engine hands them to the intake, which owns the journal writes). */
  readonly journal: Pick<Journal, 'recordOutcome' | 'markDispatched'>;
  readonly router: Router;
  readonly trends: TrendStore;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Called with the alert's price before any plugin sees the alert, so orders fill at it. */
  readonly onPrice?: (symbol: string, price: number) => Promise<unknown>;
  /** The registry's call budget (fences a timed-out call's orders); default 5000 ms. */
  readonly callTimeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Tells the operator an alert was given up after its retries. */
  readonly onGiveUp?: (text: string) => void;
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
  readonly #inflight = new Set<Promise<DispatchResult[]>>();
  readonly #caller: PluginCaller;

  constructor(options: DispatcherOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#caller = new PluginCaller({
      registry: options.registry,
      logger: options.logger,
      callTimeoutMs: options.callTimeoutMs ?? 5000,
      retry: options.retry ?? DEFAULT_RETRY,
      onGiveUp: options.onGiveUp ?? (() => undefined),
    });
  }

  /** Alerts waiting or being delivered, counted per plugin call. */
  get pending(): number {
    return this.#queue.size;
  }

  /** Plugin calls waiting for a transient failure to clear before they are tried again. */
  get retrying(): number {
    return this.#caller.retrying;
  }

  /** Shutdown: backoffs end now and their alerts stay pending, so idle() is not held up by a locked database. */
  stopRetrying(): void {
    this.#caller.stop();
  }

  /** Resolves once every dispatch handed over so far has finished, outcomes and marks included. */
  async idle(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  /**
   * Queues one journaled alert for its plugins. `delivered` lists plugins that already have an outcome (after a
   * restart), so they are not called again. Every plugin call is queued before this returns, so the order of
   * calls is the order of dispatch() calls; resolves when every plugin has answered.
   */
  dispatch(
    journalId: number,
    alert: Alert,
    delivered: ReadonlySet<string> = new Set(),
    replay?: { readonly receivedAt: string },
  ): Promise<DispatchResult[]> {
    const { registry, router } = this.#options;
    const stamped: Alert = { ...alert, journalId };
    // A replayed alert (recovery after a crash) carries its original receive time: its trends never overwrite
    // newer readings, and its old price is not fed to today's market (orders fill at the live quote).
    this.#applyTrends(alert, replay ? new Date(replay.receivedAt) : this.#now());
    const priced = replay ? Promise.resolve() : this.#feedPrice(alert);
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
    const run = Promise.all(targets.map((id) => this.#deliver(journalId, stamped, id, priced))).then((results) => {
      // A delivery cut short by shutdown leaves the row pending: the next start finishes it.
      if (results.every((r) => r !== undefined)) this.#markDispatched(journalId);
      return results.flatMap((r) => r ?? []);
    });
    const tracked = run.finally(() => this.#inflight.delete(tracked));
    this.#inflight.add(tracked);
    return tracked;
  }

  #applyTrends(alert: Alert, at: Date): void {
    if (!isInfoAlert(alert) && alert.kind !== 'entry') return;
    try {
      this.#options.trends.apply(alert, at);
    } catch (error) {
      this.#options.logger.warn({ err: error, symbol: alert.symbol }, 'trend store not updated from the alert');
    }
  }

  #markDispatched(journalId: number): void {
    try {
      this.#options.journal.markDispatched(journalId);
    } catch (error) {
      this.#options.logger.error(
        { err: error, journalId },
        'could not mark the alert dispatched; it will be re-delivered on restart',
      );
    }
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

  async #deliver(
    journalId: number,
    alert: Alert,
    pluginId: string,
    priced: Promise<void>,
  ): Promise<DispatchResult[] | undefined> {
    const result = await this.#queue.push(`${pluginId}\u0000${alert.symbol}`, async () => {
      await priced;
      return this.#caller.call(alert, pluginId);
    });
    if (!result) return undefined;
    this.#record(journalId, result);
    const fallback = this.#options.router.fallbackPlugin;
    if (result.status !== 'failed' || !fallback || fallback === pluginId) return [result];
    const rescued = await this.#queue.push(`${fallback}\u0000${alert.symbol}`, () =>
      this.#caller.call(alert, fallback),
    );
    if (!rescued) return undefined;
    this.#record(journalId, { ...rescued, data: { ...rescued.data, fallbackFor: pluginId } });
    return [result, rescued];
  }

  #record(journalId: number, result: DispatchResult): void {
    // One line per plugin and alert, so an accepted alert that traded nothing says who refused it and why.
    const verb = result.status === 'ok' ? 'handled' : `${result.status}`;
    this.#options.logger.info(
      { journalId, plugin: result.plugin, status: result.status },
      `alert ${journalId} ${verb} by ${result.plugin}: ${result.message}`,
    );
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
