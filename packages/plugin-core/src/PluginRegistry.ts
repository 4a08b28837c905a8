import type { Alert } from './alerts.js';
import type { BaseLogicPlugin } from './BaseLogicPlugin.js';
import { DuplicatePluginError, PluginErrorCode, PluginNotFoundError, describeError } from './errors.js';
import type { PluginResult, PluginResultStatus, PluginStatus } from './results.js';
import { TimeoutElapsed, withTimeout } from './withTimeout.js';

/** The plugin method an alert kind selects. */
export type PluginMethod = 'processEntrySignal' | 'processExitSignal' | 'processReversalSignal' | 'onInfoSignal';

/** What happened when one alert reached one plugin. Never thrown: failures are a status. */
export interface DispatchResult {
  readonly plugin: string;
  readonly method: PluginMethod;
  readonly status: PluginResultStatus;
  readonly message: string;
  readonly durationMs: number;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly error?: { readonly code: string; readonly message: string };
}

/** Registry settings. */
export interface PluginRegistryOptions {
  /** Budget for one plugin call; a slower call is reported as a timeout failure. Default 5000 ms. */
  readonly callTimeoutMs?: number;
  /** Disable a plugin after this many failures in a row; 0 turns the breaker off. Default 0. */
  readonly maxConsecutiveFailures?: number;
  /** Called once when the breaker disables a plugin. */
  readonly onCircuitOpen?: (plugin: BaseLogicPlugin, last: DispatchResult) => void;
  /**
   * Whether a failed call counts toward the breaker; default: every failure does. The host answers false for
   * failures that are not the plugin's fault (a locked database, an unconfirmed broker outcome) or that came
   * after the call's orders were placed. Called while the call's async context is still active.
   */
  readonly countsAsFailure?: (result: DispatchResult) => boolean;
  readonly now?: () => Date;
}

/** Picks the method from the normalised kind, never from the signal's name. */
export function methodForAlert(alert: Alert): PluginMethod {
  switch (alert.kind) {
    case 'entry':
      return 'processEntrySignal';
    case 'exit':
      return 'processExitSignal';
    case 'reversal':
      return 'processReversalSignal';
    default:
      return 'onInfoSignal';
  }
}

const STATUSES: ReadonlySet<string> = new Set(['ok', 'skipped', 'rejected', 'failed']);

function isPluginResult(value: unknown): value is PluginResult {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'string' && STATUSES.has(v.status) && typeof v.message === 'string';
}

/** Holds the loaded plugins by id and routes alerts to them, containing every failure. */
export class PluginRegistry {
  readonly #plugins = new Map<string, BaseLogicPlugin>();
  readonly #timeoutMs: number;
  readonly #maxFailures: number;
  readonly #onCircuitOpen: PluginRegistryOptions['onCircuitOpen'];
  readonly #countsAsFailure: NonNullable<PluginRegistryOptions['countsAsFailure']>;
  readonly #now: () => Date;

  constructor(options: PluginRegistryOptions = {}) {
    this.#timeoutMs = options.callTimeoutMs ?? 5000;
    this.#countsAsFailure = options.countsAsFailure ?? (() => true);
    this.#maxFailures = options.maxConsecutiveFailures ?? 0;
    this.#onCircuitOpen = options.onCircuitOpen;
    this.#now = options.now ?? (() => new Date());
  }

  /** Adds a plugin; a second plugin with the same id is refused with DuplicatePluginError. */
  register(plugin: BaseLogicPlugin): void {
    if (this.#plugins.has(plugin.id))
      throw new DuplicatePluginError(plugin.id, { plugin: plugin.metadata.packageName });
    this.#plugins.set(plugin.id, plugin);
  }

  /** The plugin with this id, or undefined. */
  get(id: string): BaseLogicPlugin | undefined {
    return this.#plugins.get(id);
  }

  /** The plugin with this id; PluginNotFoundError when there is none. */
  require(id: string): BaseLogicPlugin {
    const plugin = this.#plugins.get(id);
    if (!plugin) throw new PluginNotFoundError(id, this.ids());
    return plugin;
  }

  /** Whether a plugin with this id is registered. */
  has(id: string): boolean {
    return this.#plugins.has(id);
  }

  /** Registered ids in registration order. */
  ids(): string[] {
    return [...this.#plugins.keys()];
  }

  /** Registered plugins in registration order. */
  list(): BaseLogicPlugin[] {
    return [...this.#plugins.values()];
  }

  /** Enables a plugin by id. */
  enable(id: string): PluginStatus {
    const plugin = this.require(id);
    plugin.enable();
    return plugin.getStatus();
  }

  /** Disables a plugin by id. */
  disable(id: string): PluginStatus {
    const plugin = this.require(id);
    plugin.disable();
    return plugin.getStatus();
  }

  /** Status of one plugin. */
  status(id: string): PluginStatus {
    return this.require(id).getStatus();
  }

  /** Status of every plugin. */
  statusAll(): PluginStatus[] {
    return this.list().map((p) => p.getStatus());
  }

  /**
   * Sends an alert to one plugin, choosing the method from the alert's kind. Resolves with the outcome even when
   * the plugin throws or hangs; rejects only with PluginNotFoundError for an unknown id.
   */
  async routeAlert(alert: Alert, pluginId: string): Promise<DispatchResult> {
    const plugin = this.require(pluginId);
    const method = methodForAlert(alert);
    const started = performance.now();
    const finish = (result: Omit<DispatchResult, 'plugin' | 'method' | 'durationMs'>): DispatchResult =>
      this.#record(plugin, { plugin: plugin.id, method, durationMs: performance.now() - started, ...result });

    if (!plugin.enabled) return finish({ status: 'skipped', message: `plugin "${plugin.id}" is disabled` });
    try {
      const verdict = plugin.validateAlert(alert);
      if (!verdict.ok) return finish({ status: 'rejected', message: verdict.reason });
      const result = await withTimeout(
        Promise.resolve().then(() => this.#call(plugin, alert)),
        this.#timeoutMs,
      );
      if (result === undefined)
        return finish({ status: 'skipped', message: `plugin "${plugin.id}" has no ${method} hook` });
      if (!isPluginResult(result)) {
        return finish({
          status: 'failed',
          message: `${method} returned ${describeError(result)} instead of { status, message }`,
          error: { code: PluginErrorCode.Runtime, message: 'plugin returned a malformed result' },
        });
      }
      return finish({ status: result.status, message: result.message, ...(result.data ? { data: result.data } : {}) });
    } catch (error) {
      const timedOut = error instanceof TimeoutElapsed;
      const message = timedOut ? `${method} ${error.message}` : `${method} threw: ${describeError(error)}`;
      const code = timedOut ? PluginErrorCode.Timeout : PluginErrorCode.Runtime;
      plugin.logger.error({ err: error, alertKind: alert.kind, symbol: alert.symbol }, message);
      return finish({ status: 'failed', message, error: { code, message } });
    }
  }

  /** Shuts every plugin down (closing its database); one failure does not stop the others. */
  async shutdownAll(): Promise<void> {
    await Promise.allSettled(this.list().map((p) => p.shutdown()));
  }

  #call(plugin: BaseLogicPlugin, alert: Alert): Promise<PluginResult | undefined> {
    switch (alert.kind) {
      case 'entry':
        return plugin.processEntrySignal(alert);
      case 'exit':
        return plugin.processExitSignal(alert);
      case 'reversal':
        return plugin.processReversalSignal(alert);
      default:
        return plugin.onInfoSignal(alert);
    }
  }

  #record(plugin: BaseLogicPlugin, result: DispatchResult): DispatchResult {
    const c = plugin.counters;
    c.processed += 1;
    c[result.status] += 1;
    c.lastAlertAt = this.#now().toISOString();
    if (result.status !== 'failed') {
      if (result.status === 'ok') c.consecutiveFailures = 0;
      return result;
    }
    if (!this.#countsAsFailure(result)) return result;
    c.consecutiveFailures += 1;
    c.lastError = { code: result.error?.code ?? PluginErrorCode.Runtime, message: result.message, at: c.lastAlertAt };
    if (this.#maxFailures > 0 && c.consecutiveFailures >= this.#maxFailures && plugin.enabled) {
      plugin.disable();
      plugin.logger.error({ consecutiveFailures: c.consecutiveFailures }, 'circuit breaker disabled the plugin');
      this.#onCircuitOpen?.(plugin, result);
    }
    return result;
  }
}
