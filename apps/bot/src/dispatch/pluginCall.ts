import { AsyncLocalStorage } from 'node:async_hooks';
import type { DispatchResult, OrderExecutionService, ServiceResult } from '@zepix/plugin-core';
import { PluginErrorCode } from '@zepix/plugin-core';

/** The stable code of an order refused because the plugin call that asked for it had already timed out. */
export const CALL_FENCED = 'ZEPIX_PLUGIN_CALL_FENCED';

/**
 * One plugin call as the order services see it: what it placed, whether a broker outcome was left unconfirmed,
 * and whether it is fenced. It travels with the call's async context, so work the plugin keeps doing after its
 * timeout (timers, promises) still finds it.
 */
export class PluginCall {
  /** Client order ids of the orders this call placed (or found already placed by an earlier attempt). */
  readonly orders: string[] = [];
  /** True when an order came back `unknown` (the broker did not confirm it). */
  unknown = false;
  #fenced = false;

  /** `deadline` (epoch ms) is when the registry gives up on the call; from then on it may not order. */
  constructor(private readonly deadline: number = Number.POSITIVE_INFINITY) {}

  get fenced(): boolean {
    return this.#fenced || Date.now() >= this.deadline;
  }

  /** Refuses every later order of this call (set when it timed out, before any retry or fallback). */
  fence(): void {
    this.#fenced = true;
  }
}

/** The call being served in this async context, if any. */
export const pluginCalls = new AsyncLocalStorage<PluginCall>();

function fencedResult<T>(): ServiceResult<T> {
  return {
    ok: false,
    status: 'rejected',
    code: CALL_FENCED,
    reason:
      'this plugin call already timed out, so it may not place new orders (the alert may be retried or handed to the fallback). Fix: finish entry handling within plugin_system.call_timeout_ms',
  };
}

function noteOutcome(call: PluginCall | undefined, result: ServiceResult<unknown>, ids: readonly string[]): void {
  if (!call) return;
  if (!result.ok && result.status === 'unknown') call.unknown = true;
  if (result.ok) call.orders.push(...ids);
}

/**
 * An order call that threw (the trading database could not record the broker's answer: a full disk, a lock held
 * too long) may have reached the broker, so the call's outcome is unconfirmed: the alert is delivered again and
 * the order path settles the order with the broker by its client order id, never placing it twice.
 */
async function unconfirmedOnThrow<T>(call: PluginCall | undefined, place: () => Promise<T>): Promise<T> {
  try {
    return await place();
  } catch (error) {
    if (call) call.unknown = true;
    throw error;
  }
}

/**
 * Wraps a plugin's order service: a fenced call's new orders are refused, and every order placed is noted on the
 * call so its outcome can say so whatever fails afterwards.
 */
export function guardOrders(orders: OrderExecutionService): OrderExecutionService {
  return {
    ...orders,
    async placeOrder(options) {
      const call = pluginCalls.getStore();
      if (call?.fenced) return fencedResult();
      const result = await unconfirmedOnThrow(call, () => orders.placeOrder(options));
      noteOutcome(call, result, result.ok ? [result.value.clientOrderId] : []);
      return result;
    },
    async placeDualOrder(options) {
      const call = pluginCalls.getStore();
      if (call?.fenced) return fencedResult();
      const result = await unconfirmedOnThrow(call, () => orders.placeDualOrder(options));
      const legs = result.ok ? [result.value.a, result.value.b].flatMap((p) => (p ? [p.clientOrderId] : [])) : [];
      noteOutcome(call, result, legs);
      return result;
    },
  };
}

const BUSY = /database is locked|database table is locked|SQLITE_BUSY|SQLITE_LOCKED/i;

/** Why a failed call is worth trying again, or undefined when it is not (a bug, a refusal). */
export function transientReason(result: DispatchResult, call: PluginCall): string | undefined {
  if (result.status === 'ok') return undefined;
  if (call.unknown) return 'a broker outcome was not confirmed';
  if (result.status !== 'failed') return undefined;
  if (result.error?.code === PluginErrorCode.Timeout) return 'the call timed out';
  if (BUSY.test(result.message)) return 'a database was locked or busy';
  return undefined;
}

/**
 * The breaker counts a failure only when it is the plugin's: not a locked database or an unconfirmed broker
 * outcome (retried instead), and not a failure after the call's orders were placed. Timeouts count.
 */
export function countsAsFailure(result: DispatchResult): boolean {
  const call = pluginCalls.getStore();
  if (!call) return true;
  if (call.orders.length > 0) return false;
  const reason = transientReason(result, call);
  return reason === undefined || result.error?.code === PluginErrorCode.Timeout;
}
