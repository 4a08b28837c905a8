import type { Alert, DispatchResult, PluginRegistry } from '@zepix/plugin-core';
import { PluginErrorCode, describeError } from '@zepix/plugin-core';
import type { Logger } from 'pino';
import { PluginCall, pluginCalls, transientReason } from './pluginCall.js';

/** How transient failures are retried: `attempts` calls in all, the wait doubling from `baseDelayMs` to `maxDelayMs`. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** 8 calls over about a minute: outlasts a database held locked for tens of seconds, never retries for ever. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 500, maxDelayMs: 30_000 };

/** The wait before attempt `attempt + 1`. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/** What the caller needs. */
export interface PluginCallerOptions {
  readonly registry: PluginRegistry;
  readonly logger: Logger;
  /** The registry's call budget: once it has passed, the call is fenced. */
  readonly callTimeoutMs: number;
  readonly retry: RetryPolicy;
  /** Tells the operator an alert was given up. */
  readonly onGiveUp: (text: string) => void;
}

/** Adds the orders a call placed to its outcome; a failure after them is reported as the placed orders it is. */
function withOrders(result: DispatchResult, call: PluginCall): DispatchResult {
  if (call.orders.length === 0) return result;
  const ordersPlaced = [...new Set(call.orders)];
  if (result.status !== 'failed') return { ...result, data: { ...result.data, ordersPlaced } };
  const { error: _error, ...rest } = result;
  return {
    ...rest,
    status: 'ok',
    message: `placed ${ordersPlaced.length} order(s) (${ordersPlaced.join(', ')}); then failed: ${result.message}`,
    data: { ...result.data, ordersPlaced, failedAfter: result.message },
  };
}

/**
 * Calls one plugin with one alert inside its own call context: a timed-out call is fenced before anything else
 * happens, a transient failure is retried with bounded backoff, and the outcome names the orders placed.
 */
export class PluginCaller {
  readonly #o: PluginCallerOptions;
  readonly #wakers = new Set<() => void>();
  #retrying = 0;
  #stopped = false;

  constructor(options: PluginCallerOptions) {
    this.#o = options;
  }

  /** Calls sleeping before their next attempt. */
  get retrying(): number {
    return this.#retrying;
  }

  /** Ends every backoff now (shutdown): those alerts stay pending for the next start. */
  stop(): void {
    this.#stopped = true;
    for (const wake of this.#wakers) wake();
  }

  /** The plugin's outcome, or undefined when shutdown cut the retries short (the row stays pending). */
  async call(alert: Alert, pluginId: string): Promise<DispatchResult | undefined> {
    const { retry, logger } = this.#o;
    for (let attempt = 1; ; attempt += 1) {
      const call = new PluginCall(Date.now() + this.#o.callTimeoutMs);
      const result = await pluginCalls.run(call, () => this.#route(alert, pluginId));
      if (result.error?.code === PluginErrorCode.Timeout) call.fence();
      const reason = transientReason(result, call);
      if (reason === undefined) return withOrders(result, call);
      if (attempt >= retry.attempts) return withOrders(this.#giveUp(alert, result, reason, attempt), call);
      const delayMs = retryDelay(retry, attempt);
      logger.warn(
        { plugin: pluginId, journalId: alert.journalId, attempt, delayMs, reason, message: result.message },
        'transient dispatch failure: retrying',
      );
      if (!(await this.#sleep(delayMs))) return undefined;
    }
  }

  #giveUp(alert: Alert, result: DispatchResult, reason: string, attempts: number): DispatchResult {
    const message = `gave up after ${attempts} attempts (${reason}): ${result.message}`;
    this.#o.logger.error({ plugin: result.plugin, journalId: alert.journalId }, message);
    this.#o.onGiveUp(
      `Alert ${alert.journalId ?? '?'} (${alert.kind} ${alert.symbol}) was given up for plugin ${result.plugin} after ${attempts} attempts: ${reason}. Check the journal entry; send a new alert if the trade is still wanted.`,
    );
    return {
      ...result,
      status: 'failed',
      message,
      error: { code: result.error?.code ?? 'ZEPIX_DISPATCH_GAVE_UP', message },
    };
  }

  /** Resolves true after `ms`, or false at once when stopped. */
  #sleep(ms: number): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    this.#retrying += 1;
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        this.#retrying -= 1;
        resolve(!this.#stopped);
      };
      const timer = setTimeout(wake, ms);
      this.#wakers.add(wake);
    });
  }

  async #route(alert: Alert, pluginId: string): Promise<DispatchResult> {
    try {
      return await this.#o.registry.routeAlert(alert, pluginId);
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
}
